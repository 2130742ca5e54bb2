# Cache mounts keep package caches out of the image.
# expect:
# expect-final-base: debian:12-slim
# expect-stages: 1
FROM debian:12-slim
RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt \
    apt-get update && apt-get install -y --no-install-recommends ca-certificates
RUN --mount=type=cache,target=/root/.cache/pip pip install --user requests
USER 1000
ENTRYPOINT ["/usr/bin/env"]
