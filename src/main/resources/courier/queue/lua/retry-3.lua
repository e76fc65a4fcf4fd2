-- retry: acknowledges a failed delivery and schedules the task's next attempt in `retrying` with a new envelope.
-- KEYS[1] ready     STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] retrying  ZSET    <prefix>:{<queue>}:retrying (apart from `delayed`, so each state can be counted)
-- KEYS[3] task      HASH    <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] consumer group
-- ARGV[2] stream entry id of the claim
-- ARGV[3] task id
-- ARGV[4] new envelope (opaque; e.g. re-signed with the next attempt number)
-- ARGV[5] due at (epoch ms); a due time in the past is raised to now
-- ARGV[6] error message of the failed attempt
-- ARGV[7] now (epoch ms)
-- ARGV[8] wake channel (pub/sub, not a key)
-- Returns 1 task scheduled for retry; 0 another delivery owns the task (entry acked and deleted, task untouched),
--         or the task is damaged (a key that is not a hash, or a queued or running hash without its entry): it gets
--         a fresh entry as it is, and the claim that reads it buries it with the reason
--@include readTask
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
local h, damaged = readTask(KEYS[3])
if damaged then
  handToClaim(KEYS[1], ARGV[3])
  return 0
end
if h[2] ~= ARGV[2] then
  return 0
end
local due = ARGV[5]
if tonumber(due) < tonumber(ARGV[7]) then
  due = ARGV[7]
end
redis.call('HSET', KEYS[3], 'envelope', ARGV[4], 'state', 'retrying', 'last_error', ARGV[6], 'due_at', due)
redis.call('HDEL', KEYS[3], 'entry')
redis.call('ZADD', KEYS[2], due, ARGV[3])
redis.call('PUBLISH', ARGV[8], due)
return 1
