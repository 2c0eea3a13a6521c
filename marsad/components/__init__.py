"""Pipeline components. Each module holds one component; see ``marsad.pipeline.REGISTRY``."""
