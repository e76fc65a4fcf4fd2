-- defer: hands a claimed delivery back without running it, for a node that can run it (this one holds not the key
-- its envelope was signed with): the task waits in `delayed` for a short time that doubles with each deferral of it,
-- so a node that cannot run it does not spin on it, and its attempt is not counted.
-- KEYS[1] ready    STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] delayed  ZSET    <prefix>:{<queue>}:delayed
-- KEYS[3] task     HASH    <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] consumer group
-- ARGV[2] stream entry id of the claim
-- ARGV[3] task id
-- ARGV[4] now (epoch ms)
-- ARGV[5] first wait (ms); the n-th deferral of the task waits 2^(n-1) times as long
-- ARGV[6] longest wait (ms)
-- ARGV[7] jitter factor the wait is multiplied by (0.5 to 1, drawn by the caller)
-- ARGV[8] why it was deferred (kept in last_error)
-- ARGV[9] wake channel (pub/sub, not a key)
-- Returns the due time the task waits for; 0 another delivery owns the task, or it is not running (entry acked and
-- deleted, task untouched), or it is damaged (a key that is not a hash, or a queued or running hash without its
-- entry): it gets a fresh entry as it is, and the claim that reads it buries it with the reason
--@include readTask
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
local h, damaged = readTask(KEYS[3])
if damaged then
  handToClaim(KEYS[1], ARGV[3])
  return 0
end
if h[2] ~= ARGV[2] or h[1] ~= 'running' then
  return 0
end
local deferrals = redis.call('HINCRBY', KEYS[3], 'deferrals', 1)
local wait = math.min(tonumber(ARGV[6]), tonumber(ARGV[5]) * 2 ^ math.min(deferrals - 1, 30))
local due = tonumber(ARGV[4]) + math.max(1, math.floor(wait * tonumber(ARGV[7])))
redis.call('HSET', KEYS[3], 'state', 'delayed', 'last_error', ARGV[8])
redis.call('HDEL', KEYS[3], 'entry', 'started_at')
redis.call('HINCRBY', KEYS[3], 'attempts', -1)
redis.call('ZADD', KEYS[2], due, ARGV[3])
redis.call('PUBLISH', ARGV[9], due)
return due
