// The mapping pool's wire format: frames decode incrementally, and a MapResult, a batch and a
// mapper config survive the trip through a worker unchanged.
#include "ocean/mapping/pool/map_protocol.h"

#include <gtest/gtest.h>

#include "ocean/mapping/pool/frame_io.h"

namespace ocean::mapping::pool {
namespace {

json::value J(std::string_view text) {
  auto v = core::ParseJson(text);
  EXPECT_TRUE(v.ok()) << v.status().message();
  return v.ok() ? *v : json::value();
}

TEST(MapProtocolFrames, DecodeByteByByteAndRefuseOversizedLengths) {
  std::string wire;
  AppendFrame(wire, FrameType::kMap, "first");
  AppendFrame(wire, FrameType::kResult, std::string(70000, 'x'));
  FrameReader reader;
  std::vector<Frame> frames;
  for (char c : wire) {
    reader.Feed(std::string_view(&c, 1));
    auto f = reader.Next();
    ASSERT_TRUE(f.ok());
    if (*f) frames.push_back(std::move(**f));
  }
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].type, FrameType::kMap);
  EXPECT_EQ(frames[0].payload, "first");
  EXPECT_EQ(frames[1].type, FrameType::kResult);
  EXPECT_EQ(frames[1].payload.size(), 70000u);

  std::string bad;
  PutU32(bad, kMaxFrameBytes + 1);
  bad.push_back(static_cast<char>(FrameType::kMap));
  FrameReader broken;
  broken.Feed(bad);
  EXPECT_FALSE(broken.Next().ok());
}

TEST(MapProtocolMessages, MapResultRoundTripsEveryField) {
  MapResult r;
  r.raw = 11;
  r.expanded = 12;
  r.filtered_out = 3;
  r.dropped = 4;
  r.failed = 5;
  r.items_to_parse_skipped = 6;
  r.entities.push_back(MappedEntity{J(R"({"identifier":"a","blueprint":"b","properties":{"n":1.5,"i":-3,"u":18446744073709551615,"s":"é"}})").as_object(), 7});
  r.errors.push_back(MapError{"AWS::S3::Bucket", "properties.x", ".x | error", "arn:1", "boom"});
  core::Result<MapResult> back = DecodeMapResult(EncodeMapResult(r));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->raw, 11);
  EXPECT_EQ(back->expanded, 12);
  EXPECT_EQ(back->filtered_out, 3);
  EXPECT_EQ(back->dropped, 4);
  EXPECT_EQ(back->failed, 5);
  EXPECT_EQ(back->items_to_parse_skipped, 6);
  ASSERT_EQ(back->entities.size(), 1u);
  EXPECT_EQ(back->entities[0].entity, r.entities[0].entity);
  EXPECT_EQ(back->entities[0].raw_index, 7u);
  ASSERT_EQ(back->errors.size(), 1u);
  EXPECT_EQ(back->errors[0].kind, "AWS::S3::Bucket");
  EXPECT_EQ(back->errors[0].field, "properties.x");
  EXPECT_EQ(back->errors[0].expression, ".x | error");
  EXPECT_EQ(back->errors[0].item, "arn:1");
  EXPECT_EQ(back->errors[0].message, "boom");
}

TEST(MapProtocolMessages, BatchAndMapperConfigRoundTrip) {
  std::vector<json::value> items = {J(R"({"a":[1,2,{"b":null}]})"), J("3"), J(R"("s")")};
  core::Result<MapRequest> req = DecodeMapRequest(EncodeMapRequest(42, items));
  ASSERT_TRUE(req.ok()) << req.status().message();
  EXPECT_EQ(req->mapper_id, 42u);
  EXPECT_EQ(req->items, items);

  ResourceConfig r;
  r.index = 4;
  r.kind = "AWS::SQS::Queue";
  r.selector_query = ".x";
  r.mappings = J(R"({"identifier":".Arn","blueprint":"\"q\""})").as_object();
  r.items_to_parse = ".Items";
  r.items_to_parse_name = "entry";
  r.items_to_parse_top_level_transform = false;
  JqOptions options;
  options.allow_env = false;
  options.combine_leaves = true;
  core::Result<MapperConfig> c = DecodeMapperConfig(EncodeMapperConfig(r, options));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->resource.index, 4);
  EXPECT_EQ(c->resource.kind, r.kind);
  EXPECT_EQ(c->resource.selector_query, ".x");
  EXPECT_EQ(c->resource.mappings, r.mappings);
  EXPECT_EQ(c->resource.items_to_parse, r.items_to_parse);
  EXPECT_EQ(c->resource.items_to_parse_name, "entry");
  EXPECT_FALSE(c->resource.items_to_parse_top_level_transform);
  EXPECT_FALSE(c->options.allow_env);
  EXPECT_TRUE(c->options.combine_leaves);
}

TEST(MapProtocolMessages, MergeShiftsRawIndexesAndAddsCounters) {
  MapResult total;
  MapResult part;
  part.raw = 1;
  part.failed = 1;
  part.entities.push_back(MappedEntity{json::object{{"identifier", "x"}}, 0});
  MergeMapResult(total, part, 5);
  MergeMapResult(total, part, 6);
  EXPECT_EQ(total.raw, 2);
  EXPECT_EQ(total.failed, 2);
  ASSERT_EQ(total.entities.size(), 2u);
  EXPECT_EQ(total.entities[0].raw_index, 5u);
  EXPECT_EQ(total.entities[1].raw_index, 6u);
}

}  // namespace
}  // namespace ocean::mapping::pool
