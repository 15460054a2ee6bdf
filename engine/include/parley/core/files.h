// Reading and writing files. Output files are written whole or not at all: the content goes to
// a temporary file in the same directory, is flushed to disk, and is renamed over the target in one step (rename(2) is
// atomic within a file system). A reader never sees half a file, and a failed or interrupted
// write leaves any earlier file untouched.
#pragma once

#include <string>

namespace parley {

// Throws parley::Error naming the path and the system's reason on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Reads a whole file; throws parley::Error (not found, a directory, unreadable) naming the path.
[[nodiscard]] std::string read_text_file(const std::string& path);

}  // namespace parley
