-- reclaimExpired: re-queues deliveries whose lease expired (their worker died) as fresh stream entries.
-- Running workers renew their lease (XCLAIM ... JUSTID resets the idle time), so only dead workers' entries idle.
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- ARGV[1] consumer group
-- ARGV[2] consumer name that takes over the entries for the duration of this script
-- ARGV[3] minimum idle time (ms) of an expired lease
-- ARGV[4] at most this many entries per call
-- ARGV[5] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- ARGV[6] scan cursor: 0-0 to start over, else the cursor this script returned last time. XAUTOCLAIM looks at
--         no more than 10 x COUNT pending entries per call, so a caller that always started at 0-0 would never reach
--         an orphan behind a thousand live leases.
-- ARGV[7] optional: Redis time (ms) after which this call must reclaim nothing. The recoverer sends it from a clock
--         reading of Redis it just took: a call that reaches Redis later than that sat out a stall (Redis paused,
--         network gap), during which live workers could not renew either, so it stands back and lets them renew.
-- Returns {requeued, next cursor, late, now}: how many tasks were re-queued, where the next call goes on (0-0 =
-- done), 1 when the call came too late and did nothing, and Redis's time (ms), the next step's deadline anchor.
-- An expired entry is re-added when its task is unfinished and still owned by that entry (or has no hash, or a key
-- that is not a hash, or a state no script writes, or is queued or running without its entry: claim will bury it,
-- and an entry that names no task id is re-added with at most its first 1,000 values for claim to give it a dead
-- record); otherwise it is only acked and deleted.
--@include batches
local RUNNABLE = {queued = true, running = true, delayed = true, retrying = true}
local time = redis.call('TIME')
local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[7] and ARGV[7] ~= '' and nowMs > tonumber(ARGV[7]) then
  return {0, ARGV[6], 1, nowMs}
end
local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[6], 'COUNT', tonumber(ARGV[4]))
local requeued = 0
for _, item in ipairs(claimed[2]) do
  local entryId, fields = item[1], item[2]
  redis.call('XACK', KEYS[1], ARGV[1], entryId)
  redis.call('XDEL', KEYS[1], entryId)
  local id = nil
  if type(fields) == 'table' then
    for i = 1, #fields, 2 do
      if fields[i] == 'id' then id = fields[i + 1] end
    end
  end
  if id then
    local taskKey = ARGV[5] .. id
    local ok, state = pcall(redis.call, 'HMGET', taskKey, 'state', 'entry')
    if not ok then
      state = {false, false} -- not a hash: re-added, and claim buries it with the reason
    end
    local lostEntry = not state[2] and (state[1] == 'queued' or state[1] == 'running') -- damaged: claim buries it
    if state[1] == false or lostEntry
        or (state[2] == entryId and state[1] ~= 'succeeded' and state[1] ~= 'dead') then
      local entry = redis.call('XADD', KEYS[1], '*', 'id', id)
      if RUNNABLE[state[1]] and not lostEntry then -- a damaged task is left as it is: claim buries it with the reason
        redis.call('HSET', taskKey, 'state', 'queued', 'entry', entry)
      end
      requeued = requeued + 1
    end
  elseif type(fields) == 'table' and #fields >= 2 then
    -- names no task: claim gives it a dead record (and shows only its first 8 values; the stack holds ~8,000)
    redis.call('XADD', KEYS[1], '*', unpack(fields, 1, math.min(#fields - #fields % 2, BATCH)))
    requeued = requeued + 1
  end
end
return {requeued, claimed[1], 0, nowMs}
