# Multi-stage build: the SDK image restores, builds and runs the unit tests, then publishes; the final image holds
# only the published bot on the ASP.NET runtime, as the base image's non-root user (numeric, UID 1654 = APP_UID,
# the runAsUser of manifests/deployment.yaml).
#   docker build -t chatops-bot .
#   docker run --read-only --tmpfs /tmp -v chatops-data:/data -p 8080:8080 chatops-bot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is reused until dependencies change.
COPY ChatOps.sln Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY src/ChatOps.Bot/ChatOps.Bot.csproj src/ChatOps.Bot/
COPY src/ChatOps.SimCluster/ChatOps.SimCluster.csproj src/ChatOps.SimCluster/
COPY tests/ChatOps.Tests/ChatOps.Tests.csproj tests/ChatOps.Tests/
COPY benchmarks/ChatOps.LoadGen/ChatOps.LoadGen.csproj benchmarks/ChatOps.LoadGen/
RUN dotnet restore src/ChatOps.Bot/ChatOps.Bot.csproj && dotnet restore tests/ChatOps.Tests/ChatOps.Tests.csproj
COPY src/ src/
COPY tests/ChatOps.Tests/ tests/ChatOps.Tests/
# The unit tests also cover the load generator's schedule and percentile math.
COPY benchmarks/ChatOps.LoadGen/ benchmarks/ChatOps.LoadGen/
# The unit tests read the README, the manifests and this file (consistency tests).
COPY README.md Dockerfile ./
COPY manifests/ manifests/
RUN dotnet build tests/ChatOps.Tests -c Release --no-restore \
 && dotnet test tests/ChatOps.Tests -c Release --no-build \
 && dotnet publish src/ChatOps.Bot -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Owned by root and not writable by the app user: the bot cannot change its own binaries.
COPY --from=build --chown=root:root /app ./
# The root file system can be mounted read-only. Writable paths are the two volumes: /tmp (TMPDIR) and /data,
# the SQLite store's folder (unused with ChatOps__Store__Provider=Postgres). The diagnostics IPC pipes, which would
# otherwise be created under TMPDIR, are switched off.
ENV ASPNETCORE_URLS=http://+:8080 \
    ChatOps__Store__ConnectionString="Data Source=/data/chatops.db" \
    DOTNET_EnableDiagnostics=0 \
    TMPDIR=/tmp
VOLUME ["/data", "/tmp"]
EXPOSE 8080
USER 1654
ENTRYPOINT ["dotnet", "ChatOps.Bot.dll"]
