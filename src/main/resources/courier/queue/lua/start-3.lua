-- start: turns a claimed delivery into a running attempt, or disposes of a delivery that must not run.
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] dead   ZSET    <prefix>:{<queue>}:dead
-- KEYS[3] task   HASH    <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] consumer group
-- ARGV[2] stream entry id of the claim
-- ARGV[3] task id of the claim
-- ARGV[4] now (epoch ms)
-- ARGV[5] dead retention (ms), used when an unknown id is buried
-- Returns {envelope, attempts, max_attempts} started (attempts already incremented);
--         -1 no task hash: buried with reason "unknown task id <id>" (never dropped silently);
--         -2 stale delivery (hash.entry differs, or task already succeeded/dead): entry acked and deleted
--@include buryTask
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
  redis.call('XDEL', KEYS[1], ARGV[2])
  buryTask(KEYS[2], KEYS[3], ARGV[3], ARGV[2], 'unknown task id ' .. ARGV[3], ARGV[4], ARGV[5])
  return -1
end
local fields = redis.call('HMGET', KEYS[3], 'entry', 'state')
if fields[1] ~= ARGV[2] or fields[2] == 'succeeded' or fields[2] == 'dead' then
  redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
  redis.call('XDEL', KEYS[1], ARGV[2])
  return -2
end
local attempts = redis.call('HINCRBY', KEYS[3], 'attempts', 1)
redis.call('HSET', KEYS[3], 'state', 'running', 'started_at', ARGV[4])
local rest = redis.call('HMGET', KEYS[3], 'envelope', 'max_attempts')
return {rest[1], attempts, tonumber(rest[2])}
