-- pause: an operator pauses a queue on every node: claims read nothing from it while its flag exists (claim-3);
-- fires are still accepted, and delayed tasks still fall due into `ready`, where they wait.
-- KEYS[1] paused  HASH  <prefix>:{<queue>}:paused
-- ARGV[1] who paused it (the operator's subject)
-- ARGV[2] now (epoch ms)
-- Returns 1 paused now; 0 it already was (who paused it and when are left as they were)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'by', ARGV[1], 'at', ARGV[2])
return 1
