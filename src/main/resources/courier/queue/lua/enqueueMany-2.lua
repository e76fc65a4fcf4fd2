-- enqueueMany: stores a batch of new tasks of one queue atomically, each exactly as enqueue-3 would.
-- KEYS[1] ready    STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] delayed  ZSET    <prefix>:{<queue>}:delayed
-- ARGV[1] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- ARGV[2] wake channel (pub/sub, not a key)
-- ARGV[3..] 7 values per task: id, task name, subject ('' = none), envelope, enqueued at, due at, max attempts.
--         A task is due now when its due time is not after its own enqueued time (the firing call decided).
-- Returns the number of tasks stored.
-- Runs 2 commands per due task (XADD, HSET) and 2 per later one (ZADD, HSET), plus one PUBLISH of the earliest
-- later due time, if any: a promoter only needs to learn the earliest one to re-arm its timer.
--@include storeTask
local earliest = nil
local stored = 0
for i = 3, #ARGV, 7 do
  local id, dueAt, enqueuedAt = ARGV[i], ARGV[i + 5], ARGV[i + 4]
  if storeTask(KEYS[1], KEYS[2], ARGV[1] .. id, id, ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], enqueuedAt, dueAt,
      ARGV[i + 6], enqueuedAt) then
    if earliest == nil or tonumber(dueAt) < tonumber(earliest) then
      earliest = dueAt
    end
  end
  stored = stored + 1
end
if earliest ~= nil then
  redis.call('PUBLISH', ARGV[2], earliest)
end
return stored
