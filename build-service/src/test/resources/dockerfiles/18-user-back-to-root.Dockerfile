# expect: LL009@8
# expect-final-base: ubuntu:24.04
# expect-stages: 1
FROM ubuntu:24.04
RUN useradd -m app
USER app
COPY --chown=app . /home/app
USER root
ENTRYPOINT ["/home/app/start"]
