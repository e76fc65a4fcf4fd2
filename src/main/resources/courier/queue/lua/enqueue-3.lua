-- enqueue: stores a new task hash and puts the task in `ready` (due now) or `delayed` (due later); with an
-- idempotency key that already names a task, stores nothing and answers that task instead.
-- KEYS[1] ready    STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] delayed  ZSET    <prefix>:{<queue>}:delayed
-- KEYS[3] task     HASH    <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] task id
-- ARGV[2] task name
-- ARGV[3] subject ('' = none)
-- ARGV[4] envelope (opaque)
-- ARGV[5] enqueued at (epoch ms)
-- ARGV[6] due at (epoch ms)
-- ARGV[7] max attempts
-- ARGV[8] now (epoch ms)
-- ARGV[9] wake channel (pub/sub, not a key)
-- ARGV[10] idempotency key STRING <prefix>:{<queue>}:key:... ('' = none; same hash tag as KEYS, so Cluster-safe)
-- ARGV[11] how long the idempotency key lives, in ms ('' = none)
-- ARGV[12] task hash prefix <prefix>:{<queue>}:task: (to read a repeat's due time; '' = no key)
-- Returns 1 stored, or {id, due at} of the task the key already names (nothing stored).
-- Runs 2 commands for a due task (XADD, HSET), 3 for a later one (ZADD, HSET, PUBLISH); see includes/storeTask.lua
-- for why an existing id is not checked. A key adds a SET (stored) or SET, GET, HGET (a repeat).
--@include earlierTask
--@include storeTask
local earlier = earlierTask(ARGV[10], ARGV[1], ARGV[11], ARGV[12])
if earlier then
  return earlier
end
if storeTask(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]) then
  redis.call('PUBLISH', ARGV[9], ARGV[6])
end
return 1
