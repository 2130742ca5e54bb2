# expect-allowed: harbor.example.com
# expect: LL006@6
# expect-final-base: harbor.example.com/runtime/temurin:17-jre
# expect-stages: 2
# The builder comes from Docker Hub, which is not allowed here.
FROM maven:3.9-eclipse-temurin-17 AS build
COPY . /src
RUN --mount=type=cache,target=/root/.m2 mvn -f /src/pom.xml -B package
FROM harbor.example.com/runtime/temurin:17-jre
COPY --from=build /src/target/app.jar /app.jar
USER 1000
ENTRYPOINT ["java", "-jar", "/app.jar"]
