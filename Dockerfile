# Multi-stage build: the SDK image restores, builds and runs the unit tests; the final image holds only the
# published bot on the ASP.NET runtime, as the non-root user the base image provides.
# Build: docker build -t chatops-bot .   Run: docker run -p 8080:8080 -v chatops-data:/data chatops-bot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is reused until dependencies change.
COPY ChatOps.sln Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY src/ChatOps.Bot/ChatOps.Bot.csproj src/ChatOps.Bot/
COPY tests/ChatOps.Tests/ChatOps.Tests.csproj tests/ChatOps.Tests/
RUN dotnet restore src/ChatOps.Bot/ChatOps.Bot.csproj && dotnet restore tests/ChatOps.Tests/ChatOps.Tests.csproj
COPY src/ src/
COPY tests/ChatOps.Tests/ tests/ChatOps.Tests/
COPY README.md ./
RUN dotnet test tests/ChatOps.Tests -c Release --no-restore \
 && dotnet publish src/ChatOps.Bot -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's root file system can be mounted read-only: the only writable path the bot needs is the SQLite
# folder (unused with ChatOps__Store__Provider=Postgres), and .NET's diagnostics pipes are switched off.
ENV ASPNETCORE_URLS=http://+:8080 \
    ChatOps__Store__ConnectionString="Data Source=/data/chatops.db" \
    DOTNET_EnableDiagnostics=0
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ChatOps.Bot.dll"]
