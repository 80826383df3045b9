-- Appends one event with the next gap-free seq; the seq is the entry id, so XRANGE resumes by seq.
-- KEYS[1] seq counter, KEYS[2] event stream; ARGV[1] event json, ARGV[2] approximate max length
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'e', ARGV[1])
return seq
