package org.manyfaces.install;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.manyfaces.inference.ModelSearchPath;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The installer's model step ({@code installer/install.sh --models ...} runs it with the bundle's own
 * runtime and class path): installs the manifest's models into a folder, from a local folder by hash
 * ({@code --from}) and/or by download, behind the licence gate.
 *
 * <p>Exit status: 0 when every requested model is installed and verified, 1 when some are not
 * (each is listed with the reason), 2 for bad arguments.
 */
@Command(name = "manyfaces-models", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Install ManyFaces models: verified downloads (resumable) or an offline folder matched by hash.")
public final class InstallMain implements Callable<Integer> {

    @Option(names = "--manifest", required = true, paramLabel = "FILE",
            description = "models manifest (models/manifest.json)")
    Path manifest;

    @Option(names = "--models", paramLabel = "DIR|default", defaultValue = "default",
            description = "target folder; 'default' = $MANYFACES_MODELS, else $XDG_DATA_HOME/ManyFaces/models,"
                    + " else ~/.local/share/ManyFaces/models (default: ${DEFAULT-VALUE})")
    String models;

    @Option(names = "--from", paramLabel = "DIR",
            description = "install from this folder first, matching files by hash (e.g. FaceFusion's .assets/models)")
    Path from;

    @Option(names = "--offline", description = "never download; with --from, only install what the folder has")
    boolean offline;

    @Option(names = "--accept-licences", description = "accept the licences of non-commercial models without asking")
    boolean acceptLicences;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "only these model ids")
    List<String> only = new ArrayList<>();

    @Option(names = "--link", defaultValue = "auto", paramLabel = "MODE",
            description = "how --from files are placed: auto (hard link, else copy), copy, hardlink, symlink")
    String link;

    @Option(names = "--list", description = "list the models, their licences and whether they are installed; change nothing")
    boolean list;

    @Option(names = "--connect-timeout", defaultValue = "15", paramLabel = "SECONDS")
    int connectTimeoutSeconds;

    @Option(names = "--stall-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "give up on a server that sends nothing for this long (default: ${DEFAULT-VALUE})")
    int stallTimeoutSeconds;

    @Option(names = "--attempts", defaultValue = "3", paramLabel = "N", description = "tries per URL (default: ${DEFAULT-VALUE})")
    int attempts;

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private Map<String, String> env = System.getenv();
    private LicenceGate gateOverride;
    private DownloadListener progressOverride;

    /**
     * Separate process entry point (never loaded inside a host), so ending the JVM with the status is
     * right here: install.sh needs the exit code.
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.exit(code);
    }

    /** Runs the command and returns its exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        InstallMain cmd = new InstallMain();
        cmd.out = out;
        cmd.err = err;
        return cmd.commandLine().execute(args);
    }

    /** For tests: runs with a given environment, licence gate and progress listener. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, LicenceGate gate,
                   DownloadListener progress) {
        InstallMain cmd = new InstallMain();
        cmd.out = out;
        cmd.err = err;
        cmd.env = env;
        cmd.gateOverride = gate;
        cmd.progressOverride = progress;
        return cmd.commandLine().execute(args);
    }

    private CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // A missing manifest or an unwritable folder deserves one clear line, not a stack trace.
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("manyfaces-models: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    /**
     * The default models folder for an environment (see {@code --models}): the first {@code MANYFACES_MODELS}
     * folder, else the user's installed models folder of {@link ModelSearchPath} (under {@code $HOME}, which a
     * shell installer sets, rather than the account's home the JVM reports).
     */
    public static Path defaultModelsDir(Map<String, String> env) {
        List<Path> explicit = ModelSearchPath.fromEnvironment(env);
        if (!explicit.isEmpty()) {
            return explicit.get(0);
        }
        return ModelSearchPath.installedFolder(env, System.getProperty("os.name", ""),
                env.getOrDefault("HOME", System.getProperty("user.home", ".")));
    }

    @Override
    public Integer call() throws Exception {
        Path target = models.equals("default") ? defaultModelsDir(env) : Path.of(models);
        List<ModelDownload> all = ModelListReader.read(manifest);
        List<ModelDownload> wanted = select(all);
        if (wanted == null) {
            return 2;
        }
        if (list) {
            for (ModelDownload m : wanted) {
                boolean present = Files.isRegularFile(target.resolve(m.fileName()));
                out.printf(Locale.ROOT, "%-28s %-40s %-22s %s%n", m.id(), m.fileName(),
                        m.licenceName() + (m.nonCommercial() ? " (NC)" : ""), present ? "present" : "missing");
            }
            return 0;
        }
        OfflineModelImporter.LinkMode linkMode;
        try {
            linkMode = OfflineModelImporter.LinkMode.valueOf(link.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("--link must be auto, copy, hardlink or symlink, got '" + link + "'");
            return 2;
        }
        LicenceGate gate = gateOverride != null ? gateOverride
                : acceptLicences ? LicenceGate.acceptingAll() : LicenceGate.forConsole(System.console());
        DownloadListener progress = progressOverride != null ? progressOverride : TerminalProgressBar.forStandardOutput();
        out.println("Models folder: " + target.toAbsolutePath());

        List<String> problems = new ArrayList<>();
        List<ModelDownload> remaining = new ArrayList<>(wanted);
        if (from != null) {
            OfflineModelImporter.Report report = new OfflineModelImporter(gate, linkMode, progress)
                    .installFromFolder(from, wanted, target);
            for (OfflineModelImporter.Imported i : report.imported()) {
                out.println("  ok   " + i.model().id() + " (" + i.how() + ")");
                remaining.remove(i.model());
            }
            if (offline) {
                report.missing().forEach(m -> problems.add(m.model().id() + ": " + m.reason()));
                remaining.clear();
            }
        } else if (offline) {
            err.println("--offline needs --from DIR");
            return 2;
        }
        ModelFetcher fetcher = new ModelFetcher(new ModelFetcher.Settings(Duration.ofSeconds(connectTimeoutSeconds),
                Duration.ofSeconds(stallTimeoutSeconds), attempts, Duration.ofSeconds(1), Duration.ofSeconds(15), true),
                gate, progress);
        for (ModelDownload m : remaining) {
            try {
                fetcher.fetch(m, target);
                out.println("  ok   " + m.id());
            } catch (LicenceNotAcceptedException | IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            err.println(problems.size() + " of " + wanted.size() + " model(s) not installed:");
            problems.forEach(p -> err.println("  - " + p));
            return 1;
        }
        out.println("All " + wanted.size() + " model(s) installed and verified in " + target.toAbsolutePath());
        return 0;
    }

    /** The requested models, or null (after a message) when --only names an unknown id. */
    private List<ModelDownload> select(List<ModelDownload> all) {
        if (only.isEmpty()) {
            return all;
        }
        Set<String> ids = new LinkedHashSet<>(only);
        List<ModelDownload> picked = new ArrayList<>();
        for (ModelDownload m : all) {
            if (ids.remove(m.id())) {
                picked.add(m);
            }
        }
        if (!ids.isEmpty()) {
            err.println("--only names unknown model id(s) " + ids + "; the manifest has "
                    + all.stream().map(ModelDownload::id).toList());
            return null;
        }
        return picked;
    }
}
