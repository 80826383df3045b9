-- Takes the pending reaction counts, at most once per window across nodes.
-- KEYS[1] counts hash, KEYS[2] window lock; ARGV[1] window ms
-- Returns false when another node holds the window, else the flat hash (empty when nothing pending).
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[1]) == false then
  if redis.call('EXISTS', KEYS[1]) == 0 then
    return {}
  end
  return false
end
local counts = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return counts
