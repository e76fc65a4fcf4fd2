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
-- Returns {cursor, n, owned1..ownedN, entry1, id1, envelope1, attempt1, entry2, ...}: n completion results (1 marked
-- succeeded, 0 another delivery owns the task), then one quadruple per started task. cursor is '' when COUNT entries
-- were read (more may be waiting), else the group's last-delivered-id: an XREAD from it blocks until the next new
-- entry, with no gap between this read and that wait. cursor is 'paused' when the queue is paused: the completions
-- are made, nothing is read (one EXISTS per call is what pausing costs a claim).
-- A delivery whose id has no hash is buried ("unknown task id <id>", never dropped silently); a stale one (the hash
-- names another entry, or the task already succeeded or is dead) and an entry without an id are acked and deleted.
--@include buryTask
--@include completeDeliveries
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
local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', count, 'STREAMS', KEYS[1], '>')
local entries = {}
if read then
  entries = read[1][2]
end
for _, item in ipairs(entries) do
  local entryId, fields = item[1], item[2]
  local id = nil
  if type(fields) == 'table' and fields[1] == 'id' then
    id = fields[2]
  end
  local h = false
  if id then
    h = redis.call('HMGET', ARGV[6] .. id, 'entry', 'state', 'envelope', 'attempts')
  end
  if id and not h[2] then
    redis.call('XACK', KEYS[1], ARGV[1], entryId)
    redis.call('XDEL', KEYS[1], entryId)
    buryTask(KEYS[2], ARGV[6] .. id, id, entryId, 'unknown task id ' .. id, ARGV[4], ARGV[5])
  elseif not id or h[1] ~= entryId or h[2] == 'succeeded' or h[2] == 'dead' then
    redis.call('XACK', KEYS[1], ARGV[1], entryId)
    redis.call('XDEL', KEYS[1], entryId)
  else
    local attempt = (tonumber(h[4]) or 0) + 1
    redis.call('HSET', ARGV[6] .. id, 'state', 'running', 'started_at', ARGV[4], 'attempts', attempt)
    out[#out + 1] = entryId
    out[#out + 1] = id
    out[#out + 1] = h[3] or ''
    out[#out + 1] = attempt
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
