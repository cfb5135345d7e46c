/**
 * Lua scripts run inside Redis, so each is one atomic step: no other client's command runs
 * between the check and the write (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/).
 */

/**
 * KEYS: revision, changes stream, last hash. ARGV: expected revision, the `previousHash` the
 * records were given (empty when none), the hash of the last of them, then one record JSON per
 * change. Appends only while the stored revision is the expected one; each entry's id is its
 * revision, so two writers can never store the same revision or leave a gap. Lua in Redis has no
 * SHA-256, so the appender hashes; the hash of the stored last record is kept beside the revision
 * as `<revision>:<hash>` and must be the one the records name, so no writer can fork the journal's
 * hash chain. It counts only while it names the stored revision (a Redis written before the chain
 * has none, and the first append starts it; one restored without it, or rolled back by hand,
 * has one for another revision). Returns
 * `{1, new revision}`, `{0, stored revision}` on a revision conflict, or `{2, stored revision}`
 * when the stored last record is not the one the records were linked to.
 */
export const APPEND_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then return {0, current} end
local stored = redis.call('GET', KEYS[3])
if stored then
  local at = string.find(stored, ':', 1, true)
  if at and tonumber(string.sub(stored, 1, at - 1)) == current and string.sub(stored, at + 1) ~= ARGV[2] then
    return {2, current}
  end
end
for i = 4, #ARGV do
  redis.call('XADD', KEYS[2], (current + i - 3) .. '-0', 'record', ARGV[i])
end
local revision = current + #ARGV - 3
redis.call('SET', KEYS[1], revision)
redis.call('SET', KEYS[3], revision .. ':' .. ARGV[3])
return {1, revision}
`;

/**
 * KEYS: snapshot hash, changes stream, archivers hash. ARGV: revision, document JSON, entries to
 * keep. Stores the snapshot only when it is newer than the stored one, then trims the stream to
 * the entries after it plus the last `keep` before it (what reconnecting clients may still need),
 * but never past an archiver: the entry at the lowest revision an archiver registered stays, with
 * everything after it, so nothing leaves Redis before it is archived and a restarted archiver can
 * check its last record against Redis. Returns 1 when stored, 0 when an equal or newer snapshot
 * was there.
 */
export const SNAPSHOT_SCRIPT = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'revision') or '0')
local revision = tonumber(ARGV[1])
if revision <= stored then return 0 end
redis.call('HSET', KEYS[1], 'revision', ARGV[1], 'document', ARGV[2])
local first = revision - tonumber(ARGV[3]) + 1
for _, archived in ipairs(redis.call('HVALS', KEYS[3])) do
  local held = tonumber(archived) or 0
  if held < first then first = held end
end
if first > 1 then redis.call('XTRIM', KEYS[2], 'MINID', first .. '-0') end
return 1
`;
