"""The data contract: what a study's export must look like, and the checks that hold it to it."""

from rrall.contract.codebook import CODEBOOK_FILE, Codebook, default_codebook_path, load_codebook

__all__ = ["CODEBOOK_FILE", "Codebook", "default_codebook_path", "load_codebook"]
