package org.manyfaces.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Identity of a file's current content for caches: canonical path, size and modification time. A file
 * replaced on disk gets a new key, so caches never serve a stale session, parse or digest.
 */
record FileKey(Path path, long size, long modifiedMillis) {

    static FileKey of(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new ModelFileException("model path " + file + " is not a regular file");
            }
            return new FileKey(real, a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file not found: " + file, e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }
}
