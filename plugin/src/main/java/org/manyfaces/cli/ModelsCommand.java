package org.manyfaces.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;

import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;
import org.manyfaces.install.LicenceGate;
import org.manyfaces.install.LicenceNotAcceptedException;
import org.manyfaces.install.ModelDownload;
import org.manyfaces.install.ModelFetcher;
import org.manyfaces.install.OfflineModelImporter;
import org.manyfaces.install.TerminalProgressBar;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code manyfaces models}: which models of the manifest are installed, whether each file matches its
 * SHA-256, the licence of each (non-commercial ones flagged), the execution provider ONNX Runtime would use;
 * and fetching or importing the missing ones behind the licence gate.
 */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "List, verify, download or import models.",
        description = {"List, verify, download or import the models ManyFaces uses. Without a command: list."},
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Verify.class, ModelsCommand.Fetch.class,
                ModelsCommand.Install.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  manyfaces models                       what is installed, verified, missing; licences",
                "  manyfaces models verify                check the SHA-256 of every installed model",
                "  manyfaces models fetch yunet_2023mar   download one model (resumable, verified)",
                "  manyfaces models fetch xseg_1 --trust-unverified   also a model without a confirmed SHA-256",
                "  manyfaces models install --from ~/facefusion/.assets/models --accept-licences"})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() {
        return new Lister(spec, modelOptions).list(List.of(), false);
    }

    /** Status of one manifest entry on disk. */
    enum State {
        /** Present, size and SHA-256 match an accepted release whose hash is confirmed. */
        VERIFIED("verified"),
        /** Present, matches a release whose SHA-256 only one public source states. */
        UNCONFIRMED("match, unconfirmed"),
        /** Present; the manifest has no hash to check it against. */
        UNCHECKED("present, unchecked"),
        /** Present but its size or SHA-256 differs. */
        MISMATCH("MISMATCH"),
        /** Not found in any model folder. */
        MISSING("missing");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    /** Shared listing/verification logic of {@code models}, {@code models list} and {@code models verify}. */
    static final class Lister {
        private final CommandSpec spec;
        private final ModelOptions options;

        Lister(CommandSpec spec, ModelOptions options) {
            this.spec = spec;
            this.options = options;
        }

        /**
         * Prints one line per model (all, or {@code ids}).
         *
         * @param strict for verify: a mismatch, or a named model that is missing, fails with {@link ExitCodes#MODEL_FAILURE}
         */
        int list(List<String> ids, boolean strict) {
            ManyFacesCli root = (ManyFacesCli) spec.root().userObject();
            PrintStream out = root.out();
            ModelCatalogue models = options.catalogue();
            ModelManifest manifest = models.manifest();
            ModelLocator locator = models.locator();
            List<ModelSpec> wanted = select(spec, manifest, ids);
            out.println("Manifest:  " + models.manifestSource());
            out.println("Searched:  " + String.join(LIST_SEPARATOR, locator.folders().stream().map(Path::toString).toList()));
            out.println("Provider:  " + InferenceEngine.shared().status().describe()
                    + " (Auto; MANYFACES_NO_GPU=1 forces the CPU)");
            out.println();
            out.printf(Locale.ROOT, "%-26s %-11s %-19s %-42s %s%n", "ID", "KIND", "STATUS", "LICENCE", "FILE");
            int problems = 0;
            int installed = 0;
            for (ModelSpec m : wanted) {
                Optional<Path> file = locator.find(m.file());
                State state;
                String detail = null;
                if (file.isEmpty()) {
                    state = State.MISSING;
                    if (strict && !ids.isEmpty()) {
                        problems++;
                    }
                } else {
                    installed++;
                    ModelLocator.Verification v = ModelLocator.verify(file.get(), m);
                    state = !v.ok() ? State.MISMATCH : !v.checkedHash() ? State.UNCHECKED
                            : v.confirmed() ? State.VERIFIED : State.UNCONFIRMED;
                    if (!v.ok()) {
                        problems++;
                        detail = v.message();
                    } else if (v.release() != null && m.accepted().size() > 1) {
                        // Say which of the accepted files this is.
                        detail = "matches the " + v.release().origin() + " release";
                    }
                }
                out.printf(Locale.ROOT, "%-26s %-11s %-19s %-42s %s%n", m.id(),
                        m.kind() == null ? "?" : m.kind().name().toLowerCase(Locale.ROOT), state.label, licence(m),
                        file.map(Path::toString).orElse(m.file()));
                if (detail != null) {
                    out.println("    " + detail);
                }
            }
            out.println();
            out.println(installed + " of " + wanted.size() + " model(s) installed"
                    + (problems > 0 ? ", " + problems + " with problems" : "")
                    + ". [NC] = non-commercial licence: use only where its terms allow.");
            return strict && problems > 0 ? ExitCodes.MODEL_FAILURE : ExitCodes.OK;
        }
    }

    private static final String LIST_SEPARATOR = ", ";

    /** Licence name, with {@code [NC]} when commercial use is not allowed (or not known to be). */
    static String licence(ModelSpec m) {
        // The SPDX-like id is short enough for a table; the full name is in the manifest.
        String name = m.licence() == null ? "unknown licence"
                : m.licence().id() != null ? m.licence().id() : m.licence().name();
        boolean commercial = m.licence() != null && Boolean.TRUE.equals(m.licence().commercialUse());
        return commercial ? name : name + " [NC]";
    }

    /** The manifest entries named by {@code ids} (all when empty); unknown ids are a usage error. */
    static List<ModelSpec> select(CommandSpec spec, ModelManifest manifest, List<String> ids) {
        if (ids.isEmpty()) {
            return manifest.models();
        }
        List<ModelSpec> out = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String id : ids) {
            Optional<ModelSpec> m = manifest.find(id);
            if (m.isPresent()) {
                out.add(m.get());
            } else {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "unknown model id(s) " + unknown + "; the manifest has: "
                    + String.join(", ", manifest.models().stream().map(ModelSpec::id).toList()));
        }
        return out;
    }

    /** The installer's view of a manifest entry: what to download, how to check it, and its licence. */
    static ModelDownload toDownload(ModelSpec m) {
        List<ModelDownload.Release> releases = new ArrayList<>();
        for (ModelSpec.Release r : m.accepted()) {
            releases.add(new ModelDownload.Release(r.origin(),
                    r.size() == null ? OptionalLong.empty() : OptionalLong.of(r.size()), r.sha256(),
                    r.sha256() != null && r.isVerified()));
        }
        List<URI> urls = new ArrayList<>();
        if (m.urls() != null) {
            for (String u : m.urls()) {
                String lower = u.toLowerCase(Locale.ROOT);
                if (lower.startsWith("https://") || lower.startsWith("http://")) {
                    urls.add(URI.create(u));
                }
            }
        }
        boolean commercial = m.licence() != null && Boolean.TRUE.equals(m.licence().commercialUse());
        String licenceName = m.licence() == null ? null
                : m.licence().name() != null ? m.licence().name() : m.licence().id();
        return new ModelDownload(m.id(), m.file(), releases, urls, licenceName, !commercial);
    }

    private static LicenceGate gate(boolean accept) {
        return accept ? LicenceGate.acceptingAll() : LicenceGate.forConsole(System.console());
    }

    /** {@code models list [IDS...]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        description = "Show each model: installed and verified, or missing; its licence and file.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions modelOptions;

        /** The {@code models} command: options given before this subcommand apply too. */
        @ParentCommand
        ModelsCommand parent;

        private ModelOptions options() {
            return modelOptions.inheriting(parent.modelOptions);
        }

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these model ids.")
        List<String> ids = new ArrayList<>();

        @Override
        public Integer call() {
            return new Lister(spec, options()).list(ids, false);
        }
    }

    /** {@code models verify [IDS...]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        description = {"Check size and SHA-256 of the installed models (or the named ones, "
            + "which must then be installed). Exit code 5 when a check fails."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions modelOptions;

        /** The {@code models} command: options given before this subcommand apply too. */
        @ParentCommand
        ModelsCommand parent;

        private ModelOptions options() {
            return modelOptions.inheriting(parent.modelOptions);
        }

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these model ids.")
        List<String> ids = new ArrayList<>();

        @Override
        public Integer call() {
            return new Lister(spec, options()).list(ids, true);
        }
    }

    /** {@code models fetch [IDS...]}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        description = {"Download models into the first model folder (--models DIR, else "
            + "$MANYFACES_MODELS, else the user's installed models folder): resumable, SHA-256 verified. Without ids: every "
            + "missing model. Non-commercial models need --accept-licences or a 'yes' at the prompt. A model without a "
            + "SHA-256 that two public sources agree on is refused unless --trust-unverified is given."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions modelOptions;

        /** The {@code models} command: options given before this subcommand apply too. */
        @ParentCommand
        ModelsCommand parent;

        private ModelOptions options() {
            return modelOptions.inheriting(parent.modelOptions);
        }

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Model ids to download.")
        List<String> ids = new ArrayList<>();

        @Option(names = "--accept-licences", description = "Accept the licences of non-commercial models without asking.")
        boolean acceptLicences;

        @Option(names = "--trust-unverified", description = "Also download models whose SHA-256 is unknown or stated by "
                + "only one public source: such a file cannot be checked; its SHA-256 is recorded in FILE.sha256.")
        boolean trustUnverified;

        @Override
        public Integer call() throws IOException, InterruptedException {
            ManyFacesCli root = (ManyFacesCli) spec.root().userObject();
            ModelOptions options = options();
            ModelManifest manifest = options.catalogue().manifest();
            ModelLocator locator = options.catalogue().locator();
            List<ModelSpec> wanted = select(spec, manifest, ids);
            if (ids.isEmpty()) {
                wanted = wanted.stream().filter(m -> locator.find(m.file()).isEmpty()).toList();
            }
            Path target = options.installFolder();
            Files.createDirectories(target);
            root.out().println("Models folder: " + target.toAbsolutePath());
            ModelFetcher fetcher = new ModelFetcher(ModelFetcher.Settings.defaults(), gate(acceptLicences),
                    new TerminalProgressBar(root.err(), System.console() != null && root.err() == System.err,
                            System::nanoTime), trustUnverified);
            List<String> problems = new ArrayList<>();
            for (ModelSpec m : wanted) {
                ModelDownload d = toDownload(m);
                if (d.urls().isEmpty()) {
                    problems.add(m.id() + ": the manifest lists no download URL");
                    continue;
                }
                try {
                    ModelFetcher.Installed i = fetcher.install(d, target);
                    if (i.outcome().confirmed()) {
                        root.out().println("  ok   " + m.id() + "  " + i.file());
                    } else {
                        root.out().println("  ok?  " + m.id() + "  " + i.file() + "  (" + i.outcome().describe()
                                + (i.record() != null ? "; SHA-256 recorded in " + i.record() : "") + ")");
                    }
                } catch (LicenceNotAcceptedException | IOException e) {
                    // Refusals and download failures carry their code (MF-204, MF-206, MF-207), as errors.md lists.
                    problems.add(e instanceof org.manyfaces.error.CodedFailure
                            ? org.manyfaces.error.Failures.sentence(e, null) : e.getMessage());
                }
            }
            return report(root, problems, wanted.size());
        }
    }

    /** {@code models install --from DIR [IDS...]}. */
    @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        description = {"Install models from a local folder (e.g. FaceFusion's "
            + ".assets/models), matched by SHA-256 whatever their file names; nothing is downloaded."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions modelOptions;

        /** The {@code models} command: options given before this subcommand apply too. */
        @ParentCommand
        ModelsCommand parent;

        private ModelOptions options() {
            return modelOptions.inheriting(parent.modelOptions);
        }

        @Option(names = "--from", required = true, paramLabel = "DIR", description = "Folder holding model files.")
        Path from;

        @Option(names = "--link", paramLabel = "auto|copy|hardlink|symlink", defaultValue = "auto",
                description = "How files are placed (default: ${DEFAULT-VALUE}: hard link, else copy).")
        String link;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these model ids (default: all in the manifest).")
        List<String> ids = new ArrayList<>();

        @Option(names = "--accept-licences", description = "Accept the licences of non-commercial models without asking.")
        boolean acceptLicences;

        @Override
        public Integer call() throws IOException {
            ManyFacesCli root = (ManyFacesCli) spec.root().userObject();
            OfflineModelImporter.LinkMode mode;
            try {
                mode = OfflineModelImporter.LinkMode.valueOf(link.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--link must be auto, copy, hardlink or symlink, got '"
                        + link + "'");
            }
            if (!Files.isDirectory(from)) {
                root.err().println("manyfaces models install: --from " + from + " is not a folder");
                return ExitCodes.INPUT_UNREADABLE;
            }
            ModelOptions options = options();
            ModelManifest manifest = options.catalogue().manifest();
            List<ModelDownload> wanted = select(spec, manifest, ids).stream().map(ModelsCommand::toDownload).toList();
            Path target = options.installFolder();
            Files.createDirectories(target);
            root.out().println("Models folder: " + target.toAbsolutePath());
            OfflineModelImporter.Report report = new OfflineModelImporter(gate(acceptLicences), mode,
                    new TerminalProgressBar(root.err(), false, System::nanoTime)).installFromFolder(from, wanted, target);
            for (OfflineModelImporter.Imported i : report.imported()) {
                root.out().println("  ok   " + i.model().id() + " (" + i.how() + ")");
            }
            List<String> problems = new ArrayList<>();
            for (OfflineModelImporter.Missing m : report.missing()) {
                if (!ids.isEmpty()) {
                    problems.add(m.model().id() + ": " + m.reason());
                } else {
                    root.out().println("  --   " + m.model().id() + ": " + m.reason());
                }
            }
            return report(root, problems, wanted.size());
        }
    }

    private static int report(ManyFacesCli root, List<String> problems, int total) {
        if (problems.isEmpty()) {
            return ExitCodes.OK;
        }
        root.err().println(problems.size() + " of " + total + " model(s) not installed:");
        problems.forEach(p -> root.err().println("  - " + p));
        return ExitCodes.MODEL_FAILURE;
    }
}
