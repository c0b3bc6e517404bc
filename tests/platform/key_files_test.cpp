// Operator keys from PEM files: both algorithms load, and every failure names
// the file and the problem.
#include "platform/key_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "tests/support/files.h"

namespace platform {
namespace {

using dvb::notice::PrivateKey;
using dvb::notice::SignatureAlgorithm;

std::string tempPath(const std::string& stem) {
  return testing::TempDir() + "/key_files_test_" + std::to_string(getpid()) + "_" + stem;
}

class KeyFiles : public ::testing::TestWithParam<SignatureAlgorithm> {};

TEST_P(KeyFiles, LoadAndMissingFilesNameThePath) {
  std::string error;
  const auto key = PrivateKey::generate(GetParam(), &error);
  ASSERT_TRUE(key) << error;
  const std::string private_path = tempPath("key.pem");
  const std::string public_path = tempPath("pub.pem");
  testing_support::writeTextFile(private_path, key->pem());
  testing_support::writeTextFile(public_path, key->publicKey().pem());
  auto priv = loadPrivateKey(private_path, &error);
  ASSERT_TRUE(priv) << error;
  EXPECT_EQ(priv->id(), key->id());
  auto pub = loadPublicKey(public_path, &error);
  ASSERT_TRUE(pub) << error;
  EXPECT_EQ(pub->id(), key->id());
  // The wrong kind of file names the file and the problem.
  EXPECT_FALSE(loadPublicKey(private_path, &error));
  EXPECT_NE(error.find(private_path), std::string::npos) << error;
  EXPECT_NE(error.find("private key"), std::string::npos) << error;
  std::remove(private_path.c_str());
  std::remove(public_path.c_str());

  EXPECT_FALSE(loadPublicKey(public_path, &error));
  EXPECT_NE(error.find(public_path), std::string::npos) << error;
  EXPECT_FALSE(loadPrivateKey(private_path, &error));
  EXPECT_NE(error.find(private_path), std::string::npos) << error;
}

TEST(KeyFilesLimits, AHugeFileIsNotReadAsAKey) {
  const std::string path = tempPath("huge.pem");
  testing_support::writeTextFile(path, std::string(100 * 1024, 'A'));
  std::string error;
  EXPECT_FALSE(loadPublicKey(path, &error));
  EXPECT_NE(error.find("too large"), std::string::npos) << error;
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(BothAlgorithms, KeyFiles,
                         ::testing::Values(SignatureAlgorithm::Ed25519,
                                           SignatureAlgorithm::EcdsaP256Sha256));

}  // namespace
}  // namespace platform
