-- retryDead: an operator's retry of a dead task: a new delivery in `ready` at once, the attempt counter back to 0
-- (the signed envelope, and so the task's max attempts, unchanged), who retried it and when recorded in the hash,
-- and the hash kept until the task ends again (the expiry set when it died is removed).
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] dead   ZSET    <prefix>:{<queue>}:dead
-- KEYS[3] task   HASH    <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] task id
-- ARGV[2] now (epoch ms)
-- ARGV[3] who retried it (the operator's subject)
-- Returns 1 queued again; 0 no such task (never stored, or expired); -1 the task is not dead; -2 it has no envelope
-- (a stub buried for an unknown id, or a key that is not a hash: there is nothing to run)
local ok, h = pcall(redis.call, 'HMGET', KEYS[3], 'state', 'envelope')
if not ok then
  return -2
end
if not h[1] then
  return 0
end
if h[1] ~= 'dead' then
  return -1
end
if not h[2] then
  return -2
end
redis.call('ZREM', KEYS[2], ARGV[1])
local entry = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1])
redis.call('HSET', KEYS[3], 'state', 'queued', 'entry', entry, 'attempts', 0, 'due_at', ARGV[2],
  'retried_by', ARGV[3], 'retried_at', ARGV[2])
redis.call('HINCRBY', KEYS[3], 'retried_count', 1)
redis.call('HDEL', KEYS[3], 'started_at', 'finished_at')
redis.call('PERSIST', KEYS[3])
return 1
