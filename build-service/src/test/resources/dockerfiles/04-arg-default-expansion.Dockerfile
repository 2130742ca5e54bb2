# An ARG without a default, and FROM falling back with ${BASE:-…}.
# expect: LL005@7
# expect-final-base: debian
# expect-stages: 2
ARG BASE
ARG SUFFIX
FROM ${BASE:-debian}${SUFFIX:+-slim} AS base
RUN groupadd -r app && useradd -r -g app app

FROM base
USER app
CMD ["sleep", "infinity"]
