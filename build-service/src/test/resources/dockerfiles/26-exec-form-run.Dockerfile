# Exec-form RUNs are read as their words; busybox applets as the applet.
# expect: LL007@8
# expect-final-base: harbor.example.com/base/busybox:1.36
# expect-stages: 1
FROM harbor.example.com/base/busybox:1.36
USER 0
COPY ["payload.bin", "/tmp/payload.bin"]
RUN ["/bin/busybox", "rm", "-f", "/tmp/payload.bin"]
USER 65534
ENTRYPOINT ["/bin/busybox", "httpd", "-f"]
