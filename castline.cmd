@echo off
rem Runs Castline from the built artefacts (build first: mvn -DskipTests package).
setlocal
set HERE=%~dp0
if not exist "%HERE%encoder\target\castline-encoder.jar" (
  echo castline: not built yet; run: mvn -q -DskipTests package 1>&2
  exit /b 2
)
if "%1"=="studio" (
  shift
  java %CASTLINE_JAVA_OPTS% -cp "%HERE%app\target\castline-app.jar;%HERE%app\target\lib\*" io.castline.app.StudioLauncher %*
  exit /b %ERRORLEVEL%
)
rem a heap sized for the engine (a few tens of MB live), not from the machine's RAM; see ./castline
java -Xms64m -Xmx512m %CASTLINE_JAVA_OPTS% -cp "%HERE%encoder\target\castline-encoder.jar;%HERE%encoder\target\lib\*" io.castline.cli.Main %*
