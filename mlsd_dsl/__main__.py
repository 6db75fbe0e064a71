from mlsd_dsl.cli.main import main

main()
