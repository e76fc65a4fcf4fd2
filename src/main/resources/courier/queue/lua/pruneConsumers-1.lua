-- pruneConsumers: deletes consumers of the group that hold no pending entry and have been idle for a while (nodes
-- that stopped or died), so XINFO stays readable and the group does not grow with every restart.
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- ARGV[1] consumer group
-- ARGV[2] minimum idle time (ms) of a consumer to delete
-- ARGV[3] '' for every consumer, else only this consumer's name (a node removing itself as it stops)
-- Returns how many consumers were deleted. A consumer with pending entries is never deleted: that would drop them.
local removed = 0
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local name, pending, idle = nil, 0, 0
  for i = 1, #c, 2 do
    if c[i] == 'name' then name = c[i + 1] end
    if c[i] == 'pending' then pending = tonumber(c[i + 1]) end
    if c[i] == 'idle' then idle = tonumber(c[i + 1]) end
  end
  if name and pending == 0 and idle >= tonumber(ARGV[2]) and (ARGV[3] == '' or ARGV[3] == name) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], name)
    removed = removed + 1
  end
end
return removed
