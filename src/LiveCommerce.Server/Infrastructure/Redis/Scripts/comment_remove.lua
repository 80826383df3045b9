-- Removes a comment from the recent list and the questions list; returns its json (recent entry or question) or false.
-- KEYS[1] recent list, KEYS[2] questions hash, KEYS[3] questions order; ARGV[1] comment id
local found = false
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
for _, entry in ipairs(entries) do
  local ok, decoded = pcall(cjson.decode, entry)
  if ok and decoded.comment and decoded.comment.id == ARGV[1] then
    redis.call('LREM', KEYS[1], 1, entry)
    found = cjson.encode(decoded.comment)
    break
  end
end
local question = redis.call('HGET', KEYS[2], ARGV[1])
if question then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  found = found or question
end
return found
