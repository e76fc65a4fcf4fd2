-- Fragment buryTask: marks a task dead, records it in the dead ZSET, trims buried ids older than the retention.
-- A missing hash is recreated as a stub (state=dead, the raw stream entry id in buried_entry) so nothing vanishes.
local function buryTask(deadKey, taskKey, taskId, entryId, reason, now, retention)
  if redis.call('EXISTS', taskKey) == 0 then
    redis.call('HSET', taskKey, 'attempts', 0, 'max_attempts', 0, 'buried_entry', entryId)
  end
  redis.call('HSET', taskKey, 'state', 'dead', 'last_error', reason, 'finished_at', now)
  redis.call('HDEL', taskKey, 'entry')
  redis.call('ZADD', deadKey, now, taskId)
  redis.call('ZREMRANGEBYSCORE', deadKey, '-inf', string.format('%.0f', tonumber(now) - tonumber(retention)))
  redis.call('PEXPIRE', taskKey, retention)
end
