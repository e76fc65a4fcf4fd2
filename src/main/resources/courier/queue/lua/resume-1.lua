-- resume: an operator resumes a paused queue: its flag is deleted, and each node's next claim reads from it again.
-- KEYS[1] paused  HASH  <prefix>:{<queue>}:paused
-- Returns 1 resumed; 0 it was not paused
return redis.call('DEL', KEYS[1])
