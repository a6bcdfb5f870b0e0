# Sourced by .ci/run. start_server LOG COMMAND...: runs COMMAND (a server started on port 0) in the background and
# waits for its banner's URL and its health answer; sets $server_url. signed_list_datastores: the README's signed
# request. stop_server: stops it and waits.
server_pid=""
server_url=""

start_server() {
  local log="$1"
  shift
  : > "$log"
  "$@" > "$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1800); do
    server_url="$(sed -n 's|^  AHI API, DICOMweb  \(http://[^ ]*/\).*|\1|p' "$log")"
    if [[ -n "$server_url" ]] && curl -sf "${server_url}_openahi/health" > /dev/null; then
      echo "server up at $server_url ($(grep -o 'started in [0-9.]* s' "$log"))"
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "the server did not start; its output:" >&2
  cat "$log" >&2
  return 1
}

signed_list_datastores() {
  local answer
  answer="$(curl -sS --fail-with-body --aws-sigv4 "aws:amz:us-east-1:medical-imaging" \
    --user openahi:openahi-dev-secret "${server_url}datastore")"
  echo "ListDatastores: $answer"
  [[ "$answer" == *'"datastoreSummaries"'* ]]
}

stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
