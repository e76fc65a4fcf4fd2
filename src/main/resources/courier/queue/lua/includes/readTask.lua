-- Fragment readTask: reads a task hash a finished or handed-back delivery names, and says whether it is damaged in a
-- way only claim can record: a key that is not a hash (HMGET fails: a WRONGTYPE error would abort the script after
-- its acks, dropping the task with no record), or a queued or running hash without the `entry` that owns it (every
-- script that writes those states writes the entry). The caller then hands it to claim with handToClaim, which buries
-- it with the reason ("damaged task record: ..." / "damaged task hash: no entry ..."), instead of dropping it with
-- the delivery and leaving it answering its last state for ever.
-- readTask returns {state, entry} (nil when the key is not a hash), and true when the task is damaged so.
local function readTask(taskKey)
  local ok, h = pcall(redis.call, 'HMGET', taskKey, 'state', 'entry')
  if not ok then
    return nil, true
  end
  return h, (h[1] == 'queued' or h[1] == 'running') and not h[2]
end

-- a fresh entry for the task in `ready`: claim reads it and buries the task with its reason
local function handToClaim(readyKey, taskId)
  redis.call('XADD', readyKey, '*', 'id', taskId)
end
