#include "parley/core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "parley/core/error.h"

namespace parley {

namespace {
[[noreturn]] void fail(const std::string& what, const std::string& path, int error_number) {
  throw Error(what + " '" + path + "': " + std::strerror(error_number));
}
}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) fail("cannot write output", path, EISDIR);
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail("cannot write output", path, errno);
  const std::string temporary(name.data());
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      fail("cannot write output", path, saved);
    }
    written += static_cast<std::size_t>(n);
  }
  // Readable like any file the user creates (mkstemp makes it private).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    fail("cannot write output", path, saved);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    fail("cannot write output", path, saved);
  }
}

std::string read_text_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) fail("cannot read", path, errno);
  if (S_ISDIR(info.st_mode)) fail("cannot read", path, EISDIR);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read", path, errno != 0 ? errno : EACCES);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) fail("cannot read", path, EIO);
  return buffer.str();
}

}  // namespace parley
