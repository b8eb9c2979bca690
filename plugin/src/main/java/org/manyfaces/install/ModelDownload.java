package org.manyfaces.install;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One model file to install: what to fetch, from where, how to verify it, and under which licence.
 *
 * <p>This is the installer's own input type so that it does not depend on the inference package;
 * the manifest's model specs are mapped onto it (see {@link ModelListReader}).
 *
 * <p>A model may have several accepted {@link Release releases}: the same weights published as different
 * files (FaceFusion's re-export and the original upstream file, say). A file is the model when its size and
 * SHA-256 match one of them. A release whose SHA-256 was not stated by two independent public sources is
 * {@code verified=false}: such a file can still be recognised, but downloading a model with no verified
 * release needs the user's explicit trust ({@code --trust-unverified}).
 *
 * @param id            stable model id (used in messages and progress)
 * @param fileName      the file name in the models folder (no directories)
 * @param releases      the accepted releases (none when nothing about the file is known)
 * @param urls          download locations, tried in order
 * @param licenceName   the licence as the user should see it (e.g. "Non-Commercial", "MIT")
 * @param nonCommercial true when the licence forbids commercial use; installing then needs explicit acceptance
 */
public record ModelDownload(String id, String fileName, List<Release> releases, List<URI> urls,
                            String licenceName, boolean nonCommercial) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * One accepted file of a model.
     *
     * @param origin   who publishes this file ("FaceFusion re-export", "InsightFace original", "manifest")
     * @param size     its size in bytes when known
     * @param sha256   lower-case hex SHA-256, or {@code null} when only the size (or a CRC32 sidecar) is known
     * @param verified true when at least two independent public sources state this SHA-256
     */
    public record Release(String origin, OptionalLong size, String sha256, boolean verified) {
        public Release {
            origin = origin == null || origin.isBlank() ? "manifest" : origin.trim();
            size = size == null ? OptionalLong.empty() : size;
            if (size.isPresent() && size.getAsLong() < 0) {
                throw new IllegalArgumentException("negative size " + size.getAsLong());
            }
            if (sha256 != null) {
                sha256 = sha256.trim().toLowerCase(Locale.ROOT);
                if (!SHA256_HEX.matcher(sha256).matches()) {
                    throw new IllegalArgumentException("sha256 must be 64 hex digits, got '" + sha256 + "'");
                }
            }
            if (verified && sha256 == null) {
                throw new IllegalArgumentException("a verified release needs a sha256");
            }
        }

        /** Whether a file of this length could be this release. */
        boolean acceptsLength(long length) {
            return size.isEmpty() || size.getAsLong() == length;
        }

        /** "FaceFusion re-export (555303150 bytes, SHA-256 a290...)" for messages. */
        String describe() {
            return origin + (size.isPresent() ? ", " + size.getAsLong() + " bytes" : "")
                    + (sha256 != null ? ", SHA-256 " + sha256 : "") + (verified ? "" : ", unconfirmed");
        }
    }

    public ModelDownload {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id is missing");
        }
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            // A manifest must never be able to write outside the models folder.
            throw new IllegalArgumentException("model '" + id + "': file name must be a plain file name, got '"
                    + fileName + "'");
        }
        releases = releases == null ? List.of() : List.copyOf(releases);
        urls = urls == null ? List.of() : List.copyOf(urls);
        for (URI u : urls) {
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("model '" + id + "': only http(s) URLs are supported, got " + u);
            }
        }
        licenceName = licenceName == null || licenceName.isBlank() ? "unknown licence" : licenceName.trim();
    }

    /**
     * A model with one release: the form of manifests before releases existed. A given SHA-256 counts as
     * verified (those manifests only pinned hashes that were checked).
     */
    public ModelDownload(String id, String fileName, OptionalLong expectedSize, String sha256, List<URI> urls,
                         String licenceName, boolean nonCommercial) {
        this(id, fileName, single(expectedSize, sha256, sha256 != null), urls, licenceName, nonCommercial);
    }

    /** Convenience constructor for a model with a known size. */
    public ModelDownload(String id, String fileName, long expectedSize, String sha256, List<URI> urls,
                         String licenceName, boolean nonCommercial) {
        this(id, fileName, OptionalLong.of(expectedSize), sha256, urls, licenceName, nonCommercial);
    }

    private static List<Release> single(OptionalLong size, String sha256, boolean verified) {
        OptionalLong s = size == null ? OptionalLong.empty() : size;
        if (s.isEmpty() && sha256 == null) {
            return List.of();
        }
        return List.of(new Release("manifest", s, sha256, verified));
    }

    /** The size every release shares, when they all state the same one; empty otherwise. */
    public OptionalLong expectedSize() {
        if (releases.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong first = releases.get(0).size();
        for (Release r : releases) {
            if (r.size().isEmpty() || first.isEmpty() || r.size().getAsLong() != first.getAsLong()) {
                return OptionalLong.empty();
            }
        }
        return first;
    }

    /** Whether a file of this length could be one of the releases (true when no release states a size). */
    public boolean acceptsLength(long length) {
        return releases.isEmpty() || releases.stream().anyMatch(r -> r.acceptsLength(length));
    }

    /** The releases that name a SHA-256. */
    public List<Release> hashedReleases() {
        return releases.stream().filter(r -> r.sha256() != null).toList();
    }

    /** The SHA-256 of the first release that has one (the primary file), or {@code null}. */
    public String sha256() {
        List<Release> hashed = hashedReleases();
        return hashed.isEmpty() ? null : hashed.get(0).sha256();
    }

    /** True when at least one release has a SHA-256 that two public sources agree on. */
    public boolean hasVerifiedHash() {
        return releases.stream().anyMatch(Release::verified);
    }

    /** The release whose size and SHA-256 match, if any. */
    public Optional<Release> match(long length, String sha256) {
        return releases.stream().filter(r -> r.sha256() != null && r.sha256().equals(sha256) && r.acceptsLength(length))
                .findFirst();
    }

    /** The accepted sizes, for messages: "5000 (manifest)" or "555303150 (FaceFusion re-export) or 554253681 (...)". */
    String describeSizes() {
        List<String> s = new ArrayList<>();
        for (Release r : releases) {
            if (r.size().isPresent()) {
                s.add(r.size().getAsLong() + (releases.size() > 1 ? " (" + r.origin() + ")" : ""));
            }
        }
        return String.join(" or ", s);
    }

    /** The accepted hashes, for messages. */
    String describeHashes() {
        List<String> s = new ArrayList<>();
        for (Release r : hashedReleases()) {
            s.add(r.sha256() + (releases.size() > 1 ? " (" + r.origin() + ")" : ""));
        }
        return String.join(" or ", s);
    }
}
