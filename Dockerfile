# syntax=docker/dockerfile:1
# One image for the three roles; PREQUAL_ROLES picks what a container runs (see docker-compose.yml).
# Base images are pinned to exact releases (prequal.ComposeFileTest checks it); README, "Supply
# chain", says how to pin them by digest as well.

FROM eclipse-temurin:17.0.16_8-jdk-noble AS build
WORKDIR /build
# The wrapper and the POM first: the dependency layer is rebuilt only when they change.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp dependency:go-offline
COPY openapi/ openapi/
COPY db/ db/
COPY src/ src/
RUN ./mvnw -B -ntp package -DskipTests \
 && cp target/loan-prequal-*.jar /build/app.jar \
 && mkdir -p /build/healthcheck/health \
 && cp target/classes/health/ContainerHealthCheck.class /build/healthcheck/health/

FROM eclipse-temurin:17.0.16_8-jre-noble
RUN groupadd --system prequal && useradd --system --gid prequal --no-create-home prequal
WORKDIR /app
COPY --from=build /build/app.jar app.jar
COPY --from=build /build/healthcheck/ healthcheck/
USER prequal
ENV PORT=8000
# Only the public port: the management port (MANAGEMENT_PORT, 8081: hawtio, Jolokia, Prometheus,
# probes) is for operators inside the deployment's network, never published (README, "Operations").
EXPOSE 8000
# GET /health must answer 200 (database and Kafka reachable, for the roles that use them). The
# check is a JDK-only class: the JRE image does not promise curl.
HEALTHCHECK --interval=15s --timeout=10s --start-period=90s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", "/app/healthcheck", "health.ContainerHealthCheck"]
# A bounded heap keeps the process near 500 MB resident under load (the benchmark's figure); the
# parallel collector costs the least CPU on a small machine. A JVM out of memory exits rather
# than limping on with threads that died mid-work: the container stops, visibly, instead of
# answering half the time. Set JAVA_OPTS to replace them.
ENV JAVA_OPTS="-Xmx256m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
