-- complete: acknowledges a batch of finished deliveries and marks each task succeeded (its hash then expires).
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- ARGV[1] consumer group
-- ARGV[2] now (epoch ms)
-- ARGV[3] retention of a finished hash (ms)
-- ARGV[4] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- ARGV[5], ARGV[6], ... pairs of (stream entry id of the claim, task id)
-- Returns one number per pair, in order: 1 task marked succeeded; 0 another delivery owns the task (its entry is
-- acked and deleted all the same, the task untouched). The hash keeps `entry`: a succeeded task never runs again.
local entries = {}
for i = 5, #ARGV, 2 do
  entries[#entries + 1] = ARGV[i]
end
redis.call('XACK', KEYS[1], ARGV[1], unpack(entries))
redis.call('XDEL', KEYS[1], unpack(entries))
local out = {}
for i = 5, #ARGV, 2 do
  local taskKey = ARGV[4] .. ARGV[i + 1]
  if redis.call('HGET', taskKey, 'entry') == ARGV[i] then
    redis.call('HSET', taskKey, 'state', 'succeeded', 'finished_at', ARGV[2])
    redis.call('PEXPIRE', taskKey, ARGV[3])
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
