# A static busybox on the empty image: nothing to find.
# expect:
# expect-final-base: scratch
# expect-stages: 1
FROM scratch
COPY busybox /bin/busybox
USER 65534
ENTRYPOINT ["/bin/busybox", "httpd", "-f"]
