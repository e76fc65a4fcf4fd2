-- enqueue: stores a new task hash and puts the task in `ready` (due now) or `delayed` (due later); idempotent on id.
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
-- Returns 1 stored; 0 a task with this id already exists (nothing changed)
if redis.call('EXISTS', KEYS[3]) == 1 then
  return 0
end
redis.call('HSET', KEYS[3], 'envelope', ARGV[4], 'task', ARGV[2], 'attempts', 0, 'max_attempts', ARGV[7],
  'enqueued_at', ARGV[5], 'due_at', ARGV[6])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[3], 'subject', ARGV[3])
end
if tonumber(ARGV[6]) > tonumber(ARGV[8]) then
  redis.call('HSET', KEYS[3], 'state', 'delayed')
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
  redis.call('PUBLISH', ARGV[9], ARGV[6])
else
  local entry = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1])
  redis.call('HSET', KEYS[3], 'state', 'queued', 'entry', entry)
end
return 1
