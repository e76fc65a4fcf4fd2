-- enqueueMany: stores a batch of new tasks of one queue atomically, each exactly as enqueue-3 would.
-- KEYS[1] ready    STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] delayed  ZSET    <prefix>:{<queue>}:delayed
-- ARGV[1] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- ARGV[2] wake channel (pub/sub, not a key)
-- ARGV[3..] 9 values per task: id, task name, subject ('' = none), envelope, enqueued at, due at, max attempts,
--         idempotency key <prefix>:{<queue>}:key:... ('' = none; same hash tag as KEYS) and how long it lives in ms
--         ('' = none). A task is due now when its due time is not after its own enqueued time (the firing call
--         decided). A task whose key already names a task (stored earlier, or earlier in this call) is not stored.
-- Returns the repeats, as a flat list of triples: id of the task not stored, id and due time of the task its key
-- names ('' when that task's hash is gone); empty when every task was stored.
-- Runs 2 commands per due task (XADD, HSET) and 2 per later one (ZADD, HSET), plus one PUBLISH of the earliest
-- later due time, if any: a promoter only needs to learn the earliest one to re-arm its timer. A keyed task adds a
-- SET (stored) or SET, GET, HGET (a repeat); an unkeyed one nothing.
--@include earlierTask
--@include storeTask
local earliest = nil
local repeats = {}
for i = 3, #ARGV, 9 do
  local id, dueAt, enqueuedAt = ARGV[i], ARGV[i + 5], ARGV[i + 4]
  local earlier = earlierTask(ARGV[i + 7], id, ARGV[i + 8], ARGV[1])
  if earlier then
    repeats[#repeats + 1] = id
    repeats[#repeats + 1] = earlier[1]
    repeats[#repeats + 1] = earlier[2]
  elseif storeTask(KEYS[1], KEYS[2], ARGV[1] .. id, id, ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], enqueuedAt, dueAt,
      ARGV[i + 6], enqueuedAt) then
    if earliest == nil or tonumber(dueAt) < tonumber(earliest) then
      earliest = dueAt
    end
  end
end
if earliest ~= nil then
  redis.call('PUBLISH', ARGV[2], earliest)
end
return repeats
