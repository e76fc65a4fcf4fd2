-- bury: acknowledges a delivery and moves its task to `dead` for good (kept inspectable until the retention ends).
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] dead   ZSET    <prefix>:{<queue>}:dead
-- KEYS[3] task   HASH    <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] consumer group
-- ARGV[2] stream entry id of the claim
-- ARGV[3] task id
-- ARGV[4] reason (stored as last_error)
-- ARGV[5] now (epoch ms)
-- ARGV[6] dead retention (ms)
-- Returns 1 buried (a missing hash, or a key that is not a hash, is recreated as a dead stub; a queued or running
--         hash without its entry, which no delivery could own, is buried too); 0 another delivery owns the task
--         (entry acked and deleted, task untouched)
--@include buryTask
--@include readTask
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
local h, damaged = readTask(KEYS[3])
if not h then
  redis.call('DEL', KEYS[3]) -- not a hash (damaged): a dead record takes its place, so it does not linger unowned
elseif not damaged and redis.call('EXISTS', KEYS[3]) == 1 and h[2] ~= ARGV[2] then
  return 0
end
buryTask(KEYS[2], KEYS[3], ARGV[3], ARGV[2], ARGV[4], ARGV[5], ARGV[6])
return 1
