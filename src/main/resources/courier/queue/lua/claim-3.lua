-- claim: first completes the finished deliveries it is given (as complete does), then reads up to COUNT new
-- deliveries for a consumer and starts each one (the attempt counted, state running): a draining worker needs one
-- round trip per batch, for its outcomes and its next tasks alike (BullMQ's moveToFinished fetches the next job the
-- same way). Deliveries that must not run are disposed of here. A queue an operator paused reads nothing.
-- KEYS[1] ready   STREAM  <prefix>:{<queue>}:ready (consumer group ARGV[1])
-- KEYS[2] dead    ZSET    <prefix>:{<queue>}:dead
-- KEYS[3] paused  HASH    <prefix>:{<queue>}:paused (exists while the queue is paused)
-- ARGV[1] consumer group
-- ARGV[2] consumer name (the node's)
-- ARGV[3] at most this many deliveries
-- ARGV[4] now (epoch ms)
-- ARGV[5] dead retention (ms), used when an unknown id is buried
-- ARGV[6] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- ARGV[7] retention of a finished hash (ms), for the completions
-- ARGV[8], ARGV[9], ... finished deliveries to complete first (none is fine): pairs (stream entry id, task id), or
--         triples (+entry id, task id, result JSON) and (!entry id, task id, why the result was not stored)
-- Returns {cursor, n, owned1..ownedN, b, buried1, code1, why1, ..., entry1, id1, envelope1, attempt1, task1,
-- subject1, max_attempts1, entry2, ...}: n completion results (1 marked succeeded, 0 another delivery owns the task),
-- then b burials made here (task id, reason code, reason), then one 7-tuple per started task: its stream entry, id,
-- envelope, attempt and the hash's own task, subject ('' if none) and max_attempts, which the worker checks against
-- the signed envelope. cursor is '' when COUNT entries were read (more may be waiting), else the group's
-- last-delivered-id: an XREAD from it blocks until the next new entry, with no gap between this read and that wait.
-- cursor is 'paused' when the queue is paused: the completions are made, nothing is read (one EXISTS per call is what
-- pausing costs a claim). cursor is 'nogroup' when the consumer group is missing (Redis lost the queue's data): the
-- completions are made and answered all the same (their hashes are written; XACK of a missing group is a no-op), and
-- nothing is read; the caller makes the group again.
-- Any number of completions fits one call (acks are sent in slices of 1,000); the Java side sends at most 1,000.
-- Nothing that must not run is dropped silently, and nothing is redelivered for being unreadable: a delivery whose id
-- has no hash is buried ("unknown task id <id>"); an entry without an id gets a dead record of its own (id NOID +
-- its entry id, "stream entry <entry> names no task id"); a hash that is not a hash, or is in a state no script
-- writes, or has no envelope, or an attempts/max_attempts that is not a count, or is queued or running without the
-- `entry` that owns it, is buried ("damaged task hash: ...") the first time it is read. A stale delivery (the hash
-- names another entry, or the task already succeeded or is dead, or is delayed or retrying: not in the stream) is
-- acked and deleted.
--@include buryTask
--@include batches
--@include readTask
--@include completeDeliveries
-- the states a delivered task may be in; any other text was written by no script (damaged, or another version's)
local RUNNABLE = {queued = true, running = true, delayed = true, retrying = true}

-- why the hash of a task about to start cannot be read as one (nil: it can): checked once, before the attempt counts
local function damaged(h)
  if not h[3] or h[3] == '' then
    return 'no envelope'
  end
  local names = {[4] = 'attempts', [5] = 'max_attempts'}
  for i = 4, 5 do
    if not h[i] then
      return names[i] .. ' is missing'
    end
    if not string.match(h[i], '^%d+$') or #h[i] > 9 then
      return names[i] .. " '" .. string.sub(h[i], 1, 40) .. "' is not a count"
    end
  end
  return nil
end

-- the id of the dead record of an entry that names no task: NOID, then the entry id's two numbers zero-padded
-- (26 letters and digits like a task id; never a ULID, whose alphabet has no I or O)
local function noIdTask(entryId)
  local ms, seq = string.match(entryId, '^(%d+)-(%d+)$')
  return 'NOID' .. string.rep('0', 15 - #ms) .. ms .. string.rep('0', 7 - #seq) .. seq
end

local completed = completeDeliveries(KEYS[1], ARGV[1], ARGV[4], ARGV[7], ARGV[6], 8)
local out = {'', #completed}
for _, owned in ipairs(completed) do
  out[#out + 1] = owned
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  out[1] = 'paused'
  return out
end
local count = tonumber(ARGV[3])
local read = redis.pcall('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', count, 'STREAMS', KEYS[1], '>')
if type(read) == 'table' and read.err then
  if string.find(read.err, 'NOGROUP', 1, true) then
    out[1] = 'nogroup' -- the completions above are written: answer them, not an error that would disown them
    return out
  end
  return read -- any other error is the script's answer, as before
end
local entries = {}
if read then
  entries = read[1][2]
end
local buried, runs = {}, {}
local function drop(entryId)
  redis.call('XACK', KEYS[1], ARGV[1], entryId)
  redis.call('XDEL', KEYS[1], entryId)
end
local function bury(id, entryId, code, why)
  drop(entryId)
  buryTask(KEYS[2], ARGV[6] .. id, id, entryId, why, ARGV[4], ARGV[5])
  buried[#buried + 1] = id
  buried[#buried + 1] = code
  buried[#buried + 1] = why
end
for _, item in ipairs(entries) do
  local entryId, fields = item[1], item[2]
  local id = nil
  if type(fields) == 'table' and fields[1] == 'id' and type(fields[2]) == 'string' and fields[2] ~= '' then
    id = fields[2]
  end
  if not id then
    -- the entry is the only trace of this delivery: its dead record keeps the entry id (and fields, shortened)
    local text = {}
    if type(fields) == 'table' then
      for i = 1, math.min(#fields, 8) do text[#text + 1] = string.sub(tostring(fields[i]), 1, 40) end
    end
    bury(noIdTask(entryId), entryId, 'damaged', 'stream entry ' .. entryId .. ' names no task id (fields: '
      .. table.concat(text, ' ') .. ')')
  else
    local key = ARGV[6] .. id
    local ok, h = pcall(redis.call, 'HMGET', key, 'entry', 'state', 'envelope', 'attempts', 'max_attempts', 'task',
      'subject')
    if not ok then
      local kind = redis.call('TYPE', key)
      redis.call('DEL', key) -- not a hash: nothing here can read it, so a dead record takes its place
      bury(id, entryId, 'damaged', 'damaged task record: the key held a ' .. tostring(kind['ok'] or kind)
        .. ', not a hash')
    elseif not h[1] and not h[2] and not h[3] then
      bury(id, entryId, 'unknown_id', 'unknown task id ' .. id)
    elseif h[2] == 'succeeded' or h[2] == 'dead' then
      drop(entryId) -- stale: the task untouched
    elseif not RUNNABLE[h[2]] then
      bury(id, entryId, 'damaged', 'damaged task hash: '
        .. (h[2] and ("unknown state '" .. string.sub(h[2], 1, 40) .. "'") or 'no state'))
    elseif h[1] == entryId then
      local damage = damaged(h)
      if damage then
        bury(id, entryId, 'damaged', 'damaged task hash: ' .. damage)
      else
        local attempt = tonumber(h[4]) + 1
        redis.call('HSET', key, 'state', 'running', 'started_at', ARGV[4], 'attempts', attempt)
        runs[#runs + 1] = {entryId, id, h[3], attempt, h[6] or '', h[7] or '', h[5]}
      end
    elseif not h[1] and (h[2] == 'queued' or h[2] == 'running') then
      -- every script that writes these states writes the entry too: without it no delivery could ever own the task,
      -- which would answer its state for ever
      bury(id, entryId, 'damaged', 'damaged task hash: ' .. (damaged(h) or ('no entry (state ' .. h[2] .. ')')))
    else
      drop(entryId) -- stale: another entry owns the task
    end
  end
end
out[#out + 1] = #buried / 3
for _, v in ipairs(buried) do
  out[#out + 1] = v
end
for _, run in ipairs(runs) do
  for _, v in ipairs(run) do
    out[#out + 1] = v
  end
end
if #entries < count then
  out[1] = '0-0'
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    local name, last = nil, nil
    for i = 1, #group, 2 do
      if group[i] == 'name' then name = group[i + 1] end
      if group[i] == 'last-delivered-id' then last = group[i + 1] end
    end
    if name == ARGV[1] and last then out[1] = last end
  end
end
return out
