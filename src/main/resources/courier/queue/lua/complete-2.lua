-- complete: acknowledges a finished delivery and marks its task succeeded (the hash then expires).
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] task   HASH    <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] consumer group
-- ARGV[2] stream entry id of the claim
-- ARGV[3] now (epoch ms)
-- ARGV[4] retention of the finished hash (ms)
-- Returns 1 task marked succeeded; 0 another delivery owns the task (entry acked and deleted, task untouched)
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
if redis.call('HGET', KEYS[2], 'entry') ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[2], 'state', 'succeeded', 'finished_at', ARGV[3])
redis.call('HDEL', KEYS[2], 'entry')
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
