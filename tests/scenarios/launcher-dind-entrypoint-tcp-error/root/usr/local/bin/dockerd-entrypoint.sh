#!/bin/sh
set -eu
# no arguments passed
# or first arg is `-f` or `--some-option`
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
	# set "dockerHost" to the default "--host" for the started daemon
	if [ -n "${DOCKER_TLS_CERTDIR:-}" ]; then
		set -- --host=tcp://0.0.0.0:2376 --tlsverify "$@"
	else
		set -- --host=tcp://0.0.0.0:2375 "$@"
	fi
	set -- dockerd --host=unix:///var/run/docker.sock "$@"
fi
exec "$@"
