// ServiceAreas: the areas file, the households norm per area and per worker,
// and the file's validation (tools/stb-central/service_areas.h).
#include <gtest/gtest.h>

#include "tools/stb-central/service_areas.h"

namespace tools::central {
namespace {

ServiceAreas loadExample() {
  std::string error;
  auto a = ServiceAreas::load(STB_SOURCE_DIR "/tools/stb-central/areas.example.json", &error);
  EXPECT_TRUE(a) << error;
  return a.value_or(ServiceAreas{});
}

TEST(ServiceAreas, TheExampleFileReads) {
  const ServiceAreas a = loadExample();
  ASSERT_EQ(a.areas().size(), 5u);
  const ServiceArea* donghu = a.find("360102");
  ASSERT_TRUE(donghu);
  EXPECT_EQ(donghu->kind, AreaKind::kCity);
  EXPECT_EQ(donghu->households, 4200);
  EXPECT_EQ(donghu->worker, "li.wei");
  EXPECT_EQ(donghu->nodes, (std::vector<std::string>{"360102-n01", "360102-n02"}));
  EXPECT_EQ(a.find("360121")->kind, AreaKind::kCounty);
  EXPECT_FALSE(a.find("360123")->worker);  // vacant
  EXPECT_EQ(a.find("9999"), nullptr);
  EXPECT_EQ(a.findByNode("360103-n01"), a.find("360103"));
  EXPECT_EQ(a.findByNode("nowhere"), nullptr);
}

TEST(ServiceAreas, AnAreaOverTheNormOfItsKind) {
  const ServiceAreas a = loadExample();
  EXPECT_FALSE(ServiceAreas::overNorm(*a.find("360102")));  // 4,200 in a city
  EXPECT_TRUE(ServiceAreas::overNorm(*a.find("360103")));   // 5,100 in a city
  EXPECT_FALSE(ServiceAreas::overNorm(*a.find("360121")));  // 1,200 in a county
  ServiceArea county{"x", "x", AreaKind::kCounty, 2001, {}, std::nullopt};
  EXPECT_TRUE(ServiceAreas::overNorm(county));
  county.households = 2000;  // the norm itself is not over it
  EXPECT_FALSE(ServiceAreas::overNorm(county));
  ServiceArea city{"y", "y", AreaKind::kCity, 4500, {}, std::nullopt};
  EXPECT_FALSE(ServiceAreas::overNorm(city));
}

TEST(ServiceAreas, AWorkerOverTheNormAcrossTheirAreas) {
  const ServiceAreas a = loadExample();
  const std::vector<WorkerLoad> loads = a.workerLoads();
  ASSERT_EQ(loads.size(), 3u);  // the vacant area has no worker
  EXPECT_EQ(loads[0].worker, "li.wei");
  EXPECT_FALSE(loads[0].over_norm);
  EXPECT_EQ(loads[1].worker, "zhang.min");
  EXPECT_TRUE(loads[1].over_norm);
  // Two county areas of 1,200 and 1,100: neither is over, the worker is.
  const auto chen = a.workerLoad("chen.jie");
  ASSERT_TRUE(chen);
  EXPECT_EQ(chen->areas, (std::vector<std::string>{"360121", "360124"}));
  EXPECT_EQ(chen->households, 2300);
  EXPECT_NEAR(chen->load, 1.15, 1e-9);
  EXPECT_TRUE(chen->over_norm);
  EXPECT_FALSE(a.workerLoad("nobody"));
}

TEST(ServiceAreas, CityAndCountyAreasOfOneWorkerCountAgainstTheirOwnNorms) {
  std::string error;
  // 2,250 / 4,500 + 1,000 / 2,000 = exactly one worker's share.
  const auto full = ServiceAreas::fromJson(R"({"areas": [
    {"code": "1", "name": "c", "kind": "city", "households": 2250, "worker": "w"},
    {"code": "2", "name": "k", "kind": "county", "households": 1000, "worker": "w"}]})",
                                           &error);
  ASSERT_TRUE(full) << error;
  EXPECT_FALSE(full->workerLoad("w")->over_norm);
  const auto over = ServiceAreas::fromJson(R"({"areas": [
    {"code": "1", "name": "c", "kind": "city", "households": 2250, "worker": "w"},
    {"code": "2", "name": "k", "kind": "county", "households": 1001, "worker": "w"}]})",
                                           &error);
  ASSERT_TRUE(over) << error;
  EXPECT_TRUE(over->workerLoad("w")->over_norm);
}

TEST(ServiceAreas, BadFilesAreRefusedNamingTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"{", "not valid JSON"},
      {"[]", "top level"},
      {R"({"area": []})", "area: unknown key"},
      {R"({"areas": {}})", "areas: must be an array"},
      {R"({"areas": [7]})", "areas[0]: must be an object"},
      {R"({"areas": [{"name": "a", "kind": "city", "households": 1}]})", "areas[0].code"},
      {R"({"areas": [{"code": "a b", "name": "a", "kind": "city", "households": 1}]})",
       "areas[0].code"},
      {R"({"areas": [{"code": "a", "kind": "city", "households": 1}]})", "areas[0].name"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "town", "households": 1}]})",
       "areas[0].kind"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "city", "households": -1}]})",
       "areas[0].households"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "city", "households": 1.5}]})",
       "areas[0].households"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "city", "households": 1,
                      "nodes": "n1"}]})",
       "areas[0].nodes"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "city", "households": 1,
                      "worker": ""}]})",
       "areas[0].worker"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "city", "households": 1, "staff": "x"}]})",
       "areas[0].staff: unknown key"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "city", "households": 1},
                     {"code": "a", "name": "b", "kind": "city", "households": 1}]})",
       "areas[1].code: \"a\" is already given at areas[0]"},
      {R"({"areas": [{"code": "a", "name": "a", "kind": "city", "households": 1, "nodes": ["n"]},
                     {"code": "b", "name": "b", "kind": "city", "households": 1, "nodes": ["n"]}]})",
       "areas[1].nodes: \"n\" already belongs to areas[0]"},
  };
  for (const auto& [text, key] : cases) {
    std::string error;
    EXPECT_FALSE(ServiceAreas::fromJson(text, &error)) << text;
    EXPECT_NE(error.find(key), std::string::npos) << text << " -> " << error;
  }
  std::string error;
  EXPECT_FALSE(ServiceAreas::load("/nonexistent/areas.json", &error));
  EXPECT_NE(error.find("cannot read /nonexistent/areas.json"), std::string::npos) << error;
}

}  // namespace
}  // namespace tools::central
