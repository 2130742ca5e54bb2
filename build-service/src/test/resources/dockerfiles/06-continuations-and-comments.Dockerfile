# Continuations with comments and a blank line inside: one instruction, cleaned cache.
# expect:
# expect-final-base: ubuntu:24.04
# expect-stages: 1
FROM ubuntu:24.04
RUN apt-get update \
    # the comment line is dropped by the builder
    && apt-get install -y --no-install-recommends \
        curl \

        jq \
    && rm -rf /var/lib/apt/lists/*
USER ubuntu
ENTRYPOINT ["jq"]
