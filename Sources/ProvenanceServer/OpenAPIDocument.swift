import ProvenanceCore

/// The OpenAPI 3.1 description of every route, `POST /v1/completions` included (served at
/// `/openapi.json`; `ServerRoutes.all` lists the same paths, and a test holds them equal).
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Provenance",
            "version": "\#(ProvenanceVersion.current)",
            "description": "Finds code copied from a permissive-license corpus and reports its source and license. Every error is `{\"error\": {\"message\", \"type\"}}`. When the server has an API key, every /v1 route needs `Authorization: Bearer KEY`."
          },
          "security": [],
          "paths": {
            "/": {
              "get": {
                "summary": "The web page: paste or upload code, see copied spans highlighted with their sources.",
                "operationId": "page",
                "responses": {"200": {"description": "The page.", "content": {"text/html": {"schema": {"type": "string"}}}}}
              }
            },
            "/static/app.js": {
              "get": {
                "summary": "The web page's script.",
                "operationId": "pageScript",
                "responses": {"200": {"description": "JavaScript.", "content": {"text/javascript": {"schema": {"type": "string"}}}}}
              }
            },
            "/static/app.css": {
              "get": {
                "summary": "The web page's styles.",
                "operationId": "pageStyle",
                "responses": {"200": {"description": "CSS.", "content": {"text/css": {"schema": {"type": "string"}}}}}
              }
            },
            "/healthz": {
              "get": {
                "summary": "Liveness: the server is up and its index open.",
                "operationId": "health",
                "responses": {"200": {"description": "Up.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
              }
            },
            "/metrics": {
              "get": {
                "summary": "Prometheus metrics: requests by route and status, latency histograms, matches by action, blocked completions.",
                "operationId": "metrics",
                "responses": {
                  "200": {"description": "Prometheus text exposition format 0.0.4.", "content": {"text/plain": {"schema": {"type": "string"}}}}
                }
              }
            },
            "/openapi.json": {
              "get": {
                "summary": "This document.",
                "operationId": "openAPI",
                "responses": {"200": {"description": "OpenAPI 3.1.", "content": {"application/json": {"schema": {"type": "object"}}}}}
              }
            },
            "/v1/attributions": {
              "post": {
                "summary": "Which spans of some code were copied from the corpus, from which file, under which license, and the policy's action: the per-file JSON of `provenance check --format json`.",
                "operationId": "attribute",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AttributionRequest"}}}},
                "responses": {
                  "200": {
                    "description": "The file's report.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FileReport"}}}
                  },
                  "400": {
                    "description": "Invalid JSON, a field of the wrong type, a missing `code`, an unknown language or minTokens below 1.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "401": {
                    "description": "Missing or wrong API key (only when the server was started with --api-key-file).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "413": {
                    "description": "The body is over the byte limit (`request_too_large`) or the code over the token limit (`too_many_tokens`).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "503": {
                    "description": "Every attribution slot is busy; retry after the `Retry-After` seconds.",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  }
                }
              }
            },
            "/v1/sources/{fileId}": {
              "get": {
                "summary": "Lines of a stored corpus file (a match's `source.fileId`) with its repository, path, license and, when known, its URL.",
                "operationId": "source",
                "security": [{"bearer": []}],
                "parameters": [
                  {"name": "fileId", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
                  {"name": "startLine", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "default": 1}},
                  {
                    "name": "endLine",
                    "in": "query",
                    "required": false,
                    "schema": {"type": "integer", "minimum": 1},
                    "description": "Default: the last line; a larger value is cut to the last line."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The excerpt.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SourceExcerpt"}}}
                  },
                  "400": {
                    "description": "fileId or a line number is not a positive integer, startLine is past the end, or endLine is before startLine.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "401": {
                    "description": "Missing or wrong API key (only when the server was started with --api-key-file).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "404": {
                    "description": "No corpus file has this id.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  }
                }
              }
            },
            "/v1/index": {
              "get": {
                "summary": "What the index holds: the JSON of `provenance index stats --format json` (cached for a minute).",
                "operationId": "indexStatistics",
                "security": [{"bearer": []}],
                "parameters": [
                  {
                    "name": "top",
                    "in": "query",
                    "required": false,
                    "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 10},
                    "description": "How many of the most common fingerprints to list."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The statistics.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IndexStatistics"}}}
                  },
                  "400": {
                    "description": "top is not an integer from 0 to 1000.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "401": {
                    "description": "Missing or wrong API key (only when the server was started with --api-key-file).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  }
                }
              }
            },
            "/v1/completions": {
              "post": {
                "summary": "OpenAI-compatible completions, checked before they are returned: each choice is allowed, annotated with its sources, or blocked (retried, then refused), per policy.",
                "operationId": "complete",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CompletionRequest"}}}},
                "responses": {
                  "200": {
                    "description": "The completion; with `stream: true`, server-sent events of `CompletionChunk`s ending with `data: [DONE]`.",
                    "content": {
                      "application/json": {"schema": {"$ref": "#/components/schemas/Completion"}},
                      "text/event-stream": {
                        "schema": {
                          "type": "string",
                          "description": "`data: {CompletionChunk JSON}` events, then `data: [DONE]`; the last chunk of a choice carries its `attribution`."
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "Invalid JSON, a field of the wrong type or out of range, or a missing prompt.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "401": {
                    "description": "Missing or wrong API key (only when the server was started with --api-key-file).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "413": {
                    "description": "The body or the prompt is over the limit.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "503": {
                    "description": "Every slot is busy (with `Retry-After`).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  },
                  "504": {
                    "description": "The upstream model backend did not answer in time.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                  }
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "bearer": {"type": "http", "scheme": "bearer", "description": "The key in the file given to `provenance serve --api-key-file`."}
            },
            "schemas": {
              "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                  "error": {
                    "type": "object",
                    "required": ["message", "type"],
                    "properties": {
                      "message": {"type": "string", "description": "What was wrong, naming the field, limit or id."},
                      "type": {
                        "type": "string",
                        "enum": [
                          "invalid_request_error",
                          "authentication_error",
                          "not_found_error",
                          "request_too_large",
                          "too_many_tokens",
                          "overloaded_error",
                          "internal_error"
                        ]
                      }
                    }
                  }
                }
              },
              "Health": {
                "type": "object",
                "required": ["status", "version"],
                "properties": {"status": {"const": "ok"}, "version": {"type": "string"}}
              },
              "AttributionRequest": {
                "type": "object",
                "required": ["code"],
                "properties": {
                  "code": {"type": "string", "description": "The code to check."},
                  "language": {
                    "type": "string",
                    "description": "A language name or alias (python, java, js, c++, ...); default: from filename, else generic."
                  },
                  "filename": {"type": "string", "description": "Reported as the file's path; gives the language when `language` is absent."},
                  "minTokens": {"type": "integer", "minimum": 1, "description": "Report only copies of at least this many tokens (default 50)."}
                }
              },
              "Lines": {
                "type": "object",
                "required": ["startLine", "endLine"],
                "properties": {"startLine": {"type": "integer", "minimum": 1}, "endLine": {"type": "integer", "minimum": 1}},
                "description": "1-based, inclusive lines."
              },
              "Source": {
                "type": "object",
                "required": ["repo", "path", "license", "startLine", "endLine", "licenseOrigin", "fileId"],
                "properties": {
                  "repo": {"type": "string"},
                  "path": {"type": "string"},
                  "license": {"type": "string", "description": "SPDX expression, or `unknown`."},
                  "startLine": {"type": "integer"},
                  "endLine": {"type": "integer"},
                  "url": {"type": "string"},
                  "revision": {"type": "string"},
                  "licenseOrigin": {"type": "string"},
                  "fileId": {"type": "integer", "description": "For GET /v1/sources/{fileId}."}
                }
              },
              "Match": {
                "type": "object",
                "required": ["query", "tokens", "characters", "kind", "action", "source", "alsoIn", "spanHash"],
                "properties": {
                  "query": {"$ref": "#/components/schemas/Lines"},
                  "tokens": {"type": "integer"},
                  "characters": {"type": "integer"},
                  "kind": {"type": "string", "enum": ["exact", "renamed", "edited"]},
                  "action": {"$ref": "#/components/schemas/PolicyAction"},
                  "source": {"$ref": "#/components/schemas/Source"},
                  "alsoIn": {"type": "integer", "description": "How many other corpus files hold the same span."},
                  "spanHash": {"type": "string", "description": "16 hex digits, stable across reformatting and renaming."},
                  "explanation": {"type": "object"}
                }
              },
              "PolicyAction": {"type": "string", "enum": ["allow", "annotate", "block"]},
              "FileReport": {
                "type": "object",
                "required": ["path", "language", "tokens", "verdict", "matches", "nearDuplicates", "common"],
                "properties": {
                  "path": {"type": "string"},
                  "language": {"type": "string"},
                  "tokens": {"type": "integer"},
                  "verdict": {"$ref": "#/components/schemas/PolicyAction"},
                  "matches": {"type": "array", "items": {"$ref": "#/components/schemas/Match"}},
                  "nearDuplicates": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "repo": {"type": "string"},
                        "path": {"type": "string"},
                        "license": {"type": "string"},
                        "estimatedJaccard": {"type": "number"},
                        "fileId": {"type": "integer"}
                      }
                    }
                  },
                  "common": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Lines"},
                    "description": "Lines made only of common code (in many corpus files): not attributed."
                  }
                }
              },
              "SourceExcerpt": {
                "type": "object",
                "required": ["fileId", "repo", "path", "license", "licenseOrigin", "language", "startLine", "endLine", "totalLines", "text"],
                "properties": {
                  "fileId": {"type": "integer"},
                  "repo": {"type": "string"},
                  "path": {"type": "string"},
                  "license": {"type": "string"},
                  "licenseOrigin": {"type": "string"},
                  "language": {"type": "string"},
                  "url": {"type": "string"},
                  "revision": {"type": "string"},
                  "link": {"type": "string", "description": "A web address for these lines (GitHub, GitLab) or the repository's, when known."},
                  "startLine": {"type": "integer"},
                  "endLine": {"type": "integer"},
                  "totalLines": {"type": "integer"},
                  "text": {"type": "string", "description": "The lines startLine...endLine joined by \\n."}
                }
              },
              "IndexStatistics": {
                "type": "object",
                "description": "As `provenance index stats --format json`.",
                "properties": {
                  "formatVersion": {"type": "integer"},
                  "k": {"type": "integer"},
                  "w": {"type": "integer"},
                  "permutations": {"type": "integer"},
                  "commonCap": {"type": "integer"},
                  "created": {"type": "string"},
                  "updated": {"type": "string"},
                  "repos": {"type": "integer"},
                  "files": {"type": "integer"},
                  "contents": {"type": "integer"},
                  "bytes": {"type": "integer"},
                  "contentBytes": {"type": "integer"},
                  "tokens": {"type": "integer"},
                  "fingerprints": {"type": "integer"},
                  "distinctHashes": {"type": "integer"},
                  "commonFingerprints": {"type": "integer"},
                  "mostCommon": {"type": "array", "items": {"type": "object"}},
                  "licenses": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
                  "languages": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
                  "tableBytes": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
                  "fileBytes": {"type": "integer"}
                }
              },
              "Count": {"type": "object", "properties": {"name": {"type": "string"}, "count": {"type": "integer"}}},
              "CompletionRequest": {
                "type": "object",
                "required": ["prompt"],
                "properties": {
                  "model": {"type": "string"},
                  "prompt": {"type": "string", "description": "The code before the cursor."},
                  "suffix": {"type": "string", "description": "The code after the cursor (fill-in-the-middle)."},
                  "max_tokens": {"type": "integer", "minimum": 1, "default": 16},
                  "temperature": {"type": "number", "minimum": 0, "maximum": 2, "default": 1},
                  "top_p": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 1},
                  "stop": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "maxItems": 4}]},
                  "stream": {"type": "boolean", "default": false, "description": "Send server-sent events, held back until no copy can reach them and cut before blocked text; a copy found before any text was sent is retried like a whole completion."},
                  "seed": {"type": "integer"},
                  "language": {"type": "string", "description": "Extension: the language of prompt and completion (default: from filename)."},
                  "filename": {"type": "string", "description": "Extension: the file being edited."},
                  "annotate_comments": {
                    "type": "boolean",
                    "default": false,
                    "description": "Extension: put a provenance comment naming source and license above annotated spans in the returned text. Not with stream (400): streamed text is sent before its attribution is final."
                  }
                }
              },
              "Attribution": {
                "type": "object",
                "required": ["matches", "verdict", "action", "attempts"],
                "properties": {
                  "matches": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Match"},
                    "description": "Copied spans of the generated text (the prompt is context only)."
                  },
                  "verdict": {"$ref": "#/components/schemas/PolicyAction"},
                  "action": {"type": "string", "enum": ["allowed", "annotated", "blocked"]},
                  "attempts": {"type": "integer", "minimum": 1, "description": "Generations tried before this one was returned or refused."},
                  "reason": {"type": "string", "description": "Why the choice was annotated or blocked."}
                }
              },
              "CompletionChoice": {
                "type": "object",
                "required": ["text", "index", "finish_reason", "attribution"],
                "properties": {
                  "text": {"type": "string"},
                  "index": {"type": "integer"},
                  "logprobs": {"type": "null"},
                  "finish_reason": {"type": "string", "enum": ["stop", "length", "content_filter"]},
                  "attribution": {"$ref": "#/components/schemas/Attribution"}
                }
              },
              "Completion": {
                "type": "object",
                "required": ["id", "object", "created", "model", "choices"],
                "properties": {
                  "id": {"type": "string"},
                  "object": {"const": "text_completion"},
                  "created": {"type": "integer"},
                  "model": {"type": "string"},
                  "choices": {"type": "array", "items": {"$ref": "#/components/schemas/CompletionChoice"}},
                  "usage": {
                    "type": "object",
                    "properties": {
                      "prompt_tokens": {"type": "integer"},
                      "completion_tokens": {"type": "integer"},
                      "total_tokens": {"type": "integer"}
                    }
                  }
                }
              },
              "CompletionChunk": {
                "type": "object",
                "description": "One server-sent event of a streamed completion: a Completion whose choices carry the next text; `attribution` on a choice's last chunk.",
                "allOf": [{"$ref": "#/components/schemas/Completion"}]
              }
            }
          }
        }
        """#
}
