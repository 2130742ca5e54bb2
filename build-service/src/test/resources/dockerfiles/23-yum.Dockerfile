# expect: LL001@6 LL002@5
# expect-final-base: registry.access.redhat.com/ubi9/ubi:9.4
# expect-stages: 1
FROM registry.access.redhat.com/ubi9/ubi:9.4
RUN yum install -y java-17-openjdk-headless
RUN dnf install -y tzdata && dnf clean all
USER 1001
ENTRYPOINT ["java", "-version"]
