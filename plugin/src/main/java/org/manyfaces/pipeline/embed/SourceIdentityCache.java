package org.manyfaces.pipeline.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.select.FaceSelector;

/**
 * Turns source image files into a {@link SourceIdentity}, remembering each file's face by the SHA-256
 * of its <i>content</i>: renaming or touching a file costs only a re-hash, editing it is noticed
 * immediately, and the same picture under two names is processed once. A file whose size, modification
 * time and identity are unchanged since it was last hashed is not read again (renders ask every frame). The cache holds at most
 * {@code capacity} files (least recently used evicted) because each entry keeps its decoded image.
 *
 * <p>Entries depend on the detector and recogniser, so use one cache per (detector, recogniser) pair.
 * Thread-safe.
 */
public final class SourceIdentityCache {
    private final Function<ImageView, List<Face>> detector;
    private final FaceEmbedder embedder;
    private final int capacity;
    private final Map<String, SourceFace> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    /** The last identity built, by its files' hashes: renders of consecutive frames reuse it (and its aligned crops). */
    private volatile LastIdentity last;

    private record LastIdentity(List<String> keys, SourceIdentity identity) {
    }

    /**
     * @param detector finds faces in a source image (the largest is used)
     * @param embedder the recogniser, or null when the swapper needs no embedding (classic swap)
     * @param capacity how many source files to remember
     */
    public SourceIdentityCache(Function<ImageView, List<Face>> detector, FaceEmbedder embedder, int capacity) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.embedder = embedder;
        if (capacity < 1) {
            throw new IllegalArgumentException("source cache capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SourceFace> eldest) {
                return size() > SourceIdentityCache.this.capacity;
            }
        };
    }

    /** The identity of the faces in {@code files} (embeddings averaged). */
    public SourceIdentity load(List<Path> files) {
        if (files.isEmpty()) {
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "no source image given: choose at least one picture of the face to swap in");
        }
        List<String> keys = new ArrayList<>();
        List<SourceFace> faces = new ArrayList<>();
        for (Path f : files) {
            Content c = content(f);
            keys.add(c.key());
            faces.add(face(f, c));
        }
        LastIdentity l = last;
        if (l != null && l.keys().equals(keys)) {
            return l.identity();
        }
        SourceIdentity id = new SourceIdentity(faces);
        last = new LastIdentity(List.copyOf(keys), id);
        return id;
    }

    /** The face of one source file, from the cache when its content was seen before. */
    public SourceFace face(Path file) {
        return face(file, content(file));
    }

    /** A file's content hash, and its bytes when they had to be read for it (null when the hash was remembered). */
    private record Content(String key, byte[] bytes) {
    }

    /** What a file looked like when it was last hashed: same size and modification time, same content. */
    private record Stamp(long size, java.nio.file.attribute.FileTime modified, Object fileKey, String key) {
    }

    /** Hashes by path, so a render does not read and hash every source file on every frame. */
    private final Map<Path, Stamp> stamps = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Stamp> eldest) {
            return size() > 4 * SourceIdentityCache.this.capacity;
        }
    };

    /**
     * The content key of {@code file}. Reading and hashing a multi-megabyte photo costs milliseconds and
     * a file-sized array, so the hash is remembered with the file's size, modification time and file
     * identity, and recomputed only when one of them changes (an edit, a copy over it, a rename onto it).
     */
    private Content content(Path file) {
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "cannot read source image " + file + ": " + e.getMessage(), e);
        }
        Path abs = file.toAbsolutePath();
        synchronized (stamps) {
            Stamp st = stamps.get(abs);
            if (st != null && st.size() == a.size() && st.modified().equals(a.lastModifiedTime())
                    && Objects.equals(st.fileKey(), a.fileKey())) {
                return new Content(st.key(), null);
            }
        }
        byte[] bytes = readAll(file);
        String key = sha256(bytes);
        synchronized (stamps) {
            stamps.put(abs, new Stamp(a.size(), a.lastModifiedTime(), a.fileKey(), key));
        }
        return new Content(key, bytes);
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "cannot read source image " + file + ": " + e.getMessage(), e);
        }
    }

    private SourceFace face(Path file, Content content) {
        String key = content.key();
        synchronized (entries) {
            SourceFace hit = entries.get(key);
            if (hit != null) {
                hits.incrementAndGet();
                return hit;
            }
        }
        misses.incrementAndGet();
        byte[] bytes = content.bytes() != null ? content.bytes() : readAll(file);
        ImageView img = SourceImages.decode(bytes, file.toString());
        List<Face> found = FaceSelector.largest(detector.apply(img));
        if (found.isEmpty()) {
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "no face found in source image " + file
                    + "; use a clear, frontal photo or lower the detector threshold");
        }
        Face face = found.get(0);
        SourceFace sf = new SourceFace(img, face, embedder == null ? null : embedder.embed(img, face));
        synchronized (entries) {
            entries.put(key, sf);
        }
        return sf;
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Lookups that had to decode, detect and embed. */
    public long misses() {
        return misses.get();
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }
}
