# expect: LL011@4 LL001@6 LL001@7
# expect-final-base: alpine:3.20
# expect-stages: 1
FROM alpine:3.20
RUN adduser -D app
RUN mkdir /data
RUN chown app /data
COPY app /usr/local/bin/app
RUN chmod +x /usr/local/bin/app
USER app
ENTRYPOINT ["app"]
