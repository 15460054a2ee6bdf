#include "parley/core/files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace parley {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int error_number) {
  throw FileError(what + " '" + path + "': " + std::strerror(error_number), path, error_number);
}

// Owns a descriptor, so that every early exit closes it.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }
  [[nodiscard]] int release() noexcept { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// mkstemp's pattern for a temporary file beside `path`. The name keeps as much of the target's
// name as fits the directory's name limit (NAME_MAX, 255 on most file systems) with the suffix,
// cut at a UTF-8 character boundary, so a legal target name always gives a legal temporary name.
std::string temporary_pattern(const std::string& path) {
  constexpr std::string_view kSuffix = ".tmp-XXXXXX";
  const std::size_t slash = path.rfind('/');
  const std::string directory = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const long limit = ::pathconf(directory.c_str(), _PC_NAME_MAX);
  const std::size_t name_max = limit > 0 ? static_cast<std::size_t>(limit) : 255;
  std::size_t kept = std::min(name.size(), name_max > kSuffix.size() ? name_max - kSuffix.size() : 0);
  while (kept > 0 && kept < name.size() && (static_cast<unsigned char>(name[kept]) & 0xC0U) == 0x80U) --kept;
  return path.substr(0, path.size() - name.size()) + name.substr(0, kept) + std::string(kSuffix);
}

// A temporary file that is removed unless committed, so that no failure leaves it behind.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& target) {
    const std::string pattern = temporary_pattern(target);
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) fail("cannot write output", target, errno);
    fd_ = fd;
    name_ = name.data();
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(name_.c_str());
  }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] int fd() const noexcept { return fd_; }
  // Flushes to disk and closes; 0 or the errno of the failure.
  [[nodiscard]] int finish() noexcept {
    const int synced = ::fsync(fd_) == 0 ? 0 : errno;
    const int closed = ::close(std::exchange(fd_, -1)) == 0 ? 0 : errno;
    return synced != 0 ? synced : closed;
  }
  void mark_committed() noexcept { committed_ = true; }

 private:
  int fd_ = -1;
  std::string name_;
  bool committed_ = false;
};

// 0 or the errno of the failure.
int write_all(int fd, const std::string& content) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    written += static_cast<std::size_t>(n);
  }
  return 0;
}

// Moves `from` to `to` only if `to` names nothing, in one step: renameat2(RENAME_NOREPLACE)
// where the kernel and file system have it, else link(2), which fails on an existing name just
// as atomically, then unlink. 0 or the errno of the failure (EEXIST when `to` exists).
int rename_without_replacing(const std::string& from, const std::string& to) {
#if defined(SYS_renameat2)
  constexpr unsigned kRenameNoReplace = 1U;  // RENAME_NOREPLACE in <linux/fs.h>
  if (::syscall(SYS_renameat2, AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), kRenameNoReplace) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP && errno != EOPNOTSUPP) return errno;
#endif
  if (::link(from.c_str(), to.c_str()) != 0) return errno;
  ::unlink(from.c_str());
  return 0;
}

std::string size_in_words(std::size_t bytes) {
  constexpr std::size_t kMiB = 1024U * 1024U;
  return bytes % kMiB == 0 ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes) + " bytes";
}

[[noreturn]] void fail_too_large(const std::string& path, const std::string& size, const ReadLimit& limit) {
  throw InputError(
      path,
      {{"", "must be at most " + size_in_words(limit.bytes) + " (it has " + size + "; " + limit.note + ")", "", ""}});
}

}  // namespace

TargetExistsError::TargetExistsError(const std::string& path)
    : Error("cannot write output '" + path + "': " + std::strerror(EEXIST) +
            " (it appeared while the output was being made, and is not replaced)"),
      path_(path) {}

void write_file_atomically(const std::string& path, const std::string& content, WriteMode mode) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) fail("cannot write output", path, EISDIR);
  TemporaryFile temporary(path);
  if (const int error = write_all(temporary.fd(), content); error != 0) fail("cannot write output", path, error);
  // Readable like any file the user creates (mkstemp makes it private).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(temporary.fd(), 0666 & ~mask) != 0) fail("cannot write output", path, errno);
  if (const int error = temporary.finish(); error != 0) fail("cannot write output", path, error);
  const int error = mode == WriteMode::kReplace ? (::rename(temporary.name().c_str(), path.c_str()) == 0 ? 0 : errno)
                                                : rename_without_replacing(temporary.name(), path);
  if (error == EEXIST && mode == WriteMode::kNoReplace) throw TargetExistsError(path);
  if (error != 0) fail("cannot write output", path, error);
  temporary.mark_committed();
}

std::string read_text_file(const std::string& path, const ReadLimit& limit) {
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) fail("cannot read", path, errno);
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) fail("cannot read", path, errno);
  if (S_ISDIR(info.st_mode)) fail("cannot read", path, EISDIR);
  const bool regular = S_ISREG(info.st_mode);
  if (regular && static_cast<std::uintmax_t>(info.st_size) > limit.bytes)
    fail_too_large(path, std::to_string(info.st_size) + " bytes", limit);
  std::string text;
  if (regular) text.reserve(static_cast<std::size_t>(info.st_size));
  // Devices and pipes have no size, and a regular file may grow while it is read: stop one byte
  // past the limit whatever the file is.
  std::array<char, 64 * 1024> chunk{};
  while (true) {
    const std::size_t wanted = std::min(chunk.size(), limit.bytes + 1 - text.size());
    const ssize_t n = ::read(file.get(), chunk.data(), wanted);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot read", path, errno);
    }
    if (n == 0) return text;
    text.append(chunk.data(), static_cast<std::size_t>(n));
    if (text.size() > limit.bytes) fail_too_large(path, "more than " + std::to_string(limit.bytes) + " bytes", limit);
  }
}

std::optional<DirectoryLock> DirectoryLock::try_acquire(const std::string& directory) {
  Descriptor handle(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (handle.get() < 0) fail("cannot lock the output directory", directory, errno);
  while (::flock(handle.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) return std::nullopt;
    return DirectoryLock(-1);  // no locks on this file system
  }
  return DirectoryLock(handle.release());
}

DirectoryLock::DirectoryLock(DirectoryLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace parley
