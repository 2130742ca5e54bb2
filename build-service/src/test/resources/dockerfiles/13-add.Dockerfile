# expect: LL004@5 LL004@8
# expect-final-base: eclipse-temurin:17-jre
# expect-stages: 1
FROM eclipse-temurin:17-jre
ADD target/app.jar /app/
ADD https://repo.example.com/agent.jar /opt/agent.jar
ADD vendor.tar.gz /opt/vendor/
ADD ["config.yml", "/app/config.yml"]
USER 1000
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
