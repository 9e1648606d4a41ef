# The small part of #cloud-config the guest applies (usr/sbin/cloud-init-seed), as records on
# stdout, one per line, fields separated by the unit separator (\037, not a blank: a field
# may be empty):
#   user <name>                     top-level `user:` (the default user)
#   password <name> <password>      top-level `password:` (for the default user, else root)
#   key <name> <key>                `ssh_authorized_keys:` (name empty: the default user)
#   adduser <name>                  a `users:` entry with a name
# Block-style YAML only: `key: value`, `key:` followed by `- item` lines, `users:` items of
# `name:`, `ssh_authorized_keys:`, `plain_text_passwd:`. Anything else is ignored.
function unquote(v) {
  sub(/^[ \t]+/, "", v); sub(/[ \t\r]+$/, "", v)
  if (v ~ /^".*"$/ || v ~ /^'.*'$/) v = substr(v, 2, length(v) - 2)
  return v
}
function indent(line) { match(line, /^ */); return RLENGTH }
function flush() {
  if (item_name != "" && item_name != "default") {
    print "adduser\037" item_name
    for (i = 1; i <= item_keys; i++) print "key\037" item_name S item_key[i]
    if (item_pw != "") print "password\037" item_name S item_pw
  }
  item_name = ""; item_keys = 0; item_pw = ""; item_sub = ""
}
BEGIN { S = "\037"; section = ""; item_open = 0; default_user = "" }
/^[ \t]*#/ || /^[ \t]*$/ { next }
{
  line = $0; sub(/\r$/, "", line)
  depth = indent(line)
  if (depth == 0 && line !~ /^-/) {
    if (item_open) { flush(); item_open = 0 }
    key = line; sub(/:.*/, "", key)
    value = line; if (!sub(/^[^:]*:/, "", value)) value = ""
    value = unquote(value)
    section = key
    if (key == "user" && value != "") { default_user = value; print "user\037" value }
    else if (key == "password" && value != "") pending_password = value
    else if (key == "ssh_authorized_keys" && value ~ /^\[/) {
      gsub(/^\[|\]$/, "", value); n = split(value, list, ",")
      for (j = 1; j <= n; j++) if (unquote(list[j]) != "") print "key\037\037" unquote(list[j])
    }
    next
  }
  body = line; sub(/^ */, "", body)
  if (section == "ssh_authorized_keys" && body ~ /^- /) {
    v = unquote(substr(body, 3)); if (v != "") print "key\037\037" v
    next
  }
  if (section != "users") next
  if (body ~ /^- / && (!item_depth_set || depth <= item_depth)) {
    if (item_open) flush()
    item_open = 1; item_depth = depth; item_depth_set = 1
    body = substr(body, 3); sub(/^ +/, "", body)
    if (body == "default") { item_name = "default"; next }
    depth = depth + 2
  }
  if (!item_open) next
  if (body ~ /^- / && item_sub == "ssh_authorized_keys") {
    v = unquote(substr(body, 3)); if (v != "") item_key[++item_keys] = v
    next
  }
  k = body; sub(/:.*/, "", k)
  v = body; if (!sub(/^[^:]*:/, "", v)) v = ""
  v = unquote(v)
  item_sub = k
  if (k == "name") item_name = v
  else if (k == "plain_text_passwd") item_pw = v
}
END {
  if (item_open) flush()
  if (pending_password != "") print "password\037" (default_user != "" ? default_user : "root") S pending_password
}
