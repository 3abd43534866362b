# Build: the Maven image compiles and packages target/pompier.jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
# The class-data archive mvn package writes is for the build image's JDK: the runtime image makes its own (start.sh).
RUN mvn -B -q package -DskipTests -Dpompier.classArchive.skip=true

# Run: a JRE only, as a non-root user, the database on a volume.
FROM eclipse-temurin:17-jre
RUN groupadd --system pompier && useradd --system --gid pompier --home-dir /app pompier \
    && mkdir -p /app /data && chown pompier:pompier /data
WORKDIR /app
COPY --from=build /src/target/pompier.jar /app/pompier.jar
COPY src/main/docker/start.sh /app/start.sh
USER pompier
ENV PORT=3000 \
    POMPIER_DB=/data/pompier.db \
    JAVA_TOOL_OPTIONS="-Dfile.encoding=UTF-8 -XX:MaxRAMPercentage=75"
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
ENTRYPOINT ["/app/start.sh"]
